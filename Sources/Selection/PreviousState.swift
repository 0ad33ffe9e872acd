import Diagnostics

/// What the `state:` and `result:` methods compare with: an earlier invocation's artifacts
/// (`--state <dir>`), already judged against the current project by whoever read them, so that
/// selection stays a pure function of values.
public struct PreviousState: Sendable {
    /// The `state:` values each current resource matches, by unique id (`state:old` and
    /// `state:unmodified` are the complements of `new` and `modified`).
    public var matches: [String: StateMatches]
    /// The status of each result of the earlier `run_results.json`, by unique id; nil when the
    /// directory has none.
    public var resultStatuses: [String: String]?

    public init(matches: [String: StateMatches], resultStatuses: [String: String]?) {
        self.matches = matches
        self.resultStatuses = resultStatuses
    }
}

/// The `state:` values a resource matches, dbt's `StateSelectorMethod` checks.
public struct StateMatches: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Not in the earlier manifest.
    public static let new = StateMatches(rawValue: 1 << 0)
    /// `state:modified`: new or changed (dbt's `same_contents`), or a macro it calls changed.
    public static let modified = StateMatches(rawValue: 1 << 1)
    public static let modifiedBody = StateMatches(rawValue: 1 << 2)
    public static let modifiedConfigs = StateMatches(rawValue: 1 << 3)
    public static let modifiedRelation = StateMatches(rawValue: 1 << 4)
    public static let modifiedPersistedDescriptions = StateMatches(rawValue: 1 << 5)
    public static let modifiedMacros = StateMatches(rawValue: 1 << 6)
    public static let modifiedContract = StateMatches(rawValue: 1 << 7)

    /// The values `state:` accepts, in dbt's order, and whether a resource with these matches
    /// is selected by each.
    static let selectors: [(value: String, selects: @Sendable (StateMatches) -> Bool)] = [
        ("new", { $0.contains(.new) }),
        ("old", { !$0.contains(.new) }),
        ("modified", { $0.contains(.modified) }),
        ("unmodified", { !$0.contains(.modified) }),
        ("modified.body", { $0.contains(.modifiedBody) }),
        ("modified.configs", { $0.contains(.modifiedConfigs) }),
        ("modified.persisted_descriptions", { $0.contains(.modifiedPersistedDescriptions) }),
        ("modified.relation", { $0.contains(.modifiedRelation) }),
        ("modified.macros", { $0.contains(.modifiedMacros) }),
        ("modified.contract", { $0.contains(.modifiedContract) }),
    ]
}
