import Diagnostics

/// dbt's `--warn-error` and `--warn-error-options` (also `DBT_WARN_ERROR`,
/// `DBT_WARN_ERROR_OPTIONS`, and `flags:` in `dbt_project.yml`): which warnings stop the
/// invocation as errors, and which are not printed at all.
///
/// dbt names a warning by its event class (`NoNodesForSelectionCriteria`, `LogTestResult`...);
/// `error: all` and `--warn-error` take every warning dbt gives, and only those, so that a
/// project passes or fails under Weir as under dbt. Weir's own warnings carry no event: they
/// are named by their code (`W1905`) instead, which dbt would reject as a name.
public struct WarningPolicy: Sendable, Equatable {
    /// `--warn-error`: every warning dbt gives is an error.
    public var warnError = false
    /// `error: all` (or `*`).
    public var errorAll = false
    public var error: [String] = []
    public var warn: [String] = []
    public var silence: [String] = []

    public init() {}

    /// `warn_error_options` as dbt reads it: `error` (or its old name `include`): `all`, `*` or a
    /// list of names; `warn` (or `exclude`) and `silence`: lists of names. `warn` is allowed only
    /// beside `error: all` (or `Deprecations` in `error` or `silence`), as dbt allows it.
    /// `origin` names where the options came from, for the errors.
    public init(options: ConfigValue, origin: String) throws {
        func invalid(_ problem: String) -> Diagnostic {
            Diagnostic(
                code: "W0011", message: "\(origin): \(problem)",
                help: #"write it as dbt does: '{"error": "all", "warn": ["NoNodesForSelectionCriteria"], "silence": ["JinjaLogWarning"]}'"#)
        }
        guard case .map(let map) = options else {
            if options.isNull { return }
            throw invalid("must be a mapping with 'error', 'warn' and 'silence'")
        }
        func names(_ key: String, _ oldKey: String?) throws -> ConfigValue {
            let value = map[key] ?? .null
            guard let oldKey, let old = map[oldKey] else { return value }
            if !value.isNull, !old.isNull { throw invalid("Only `\(oldKey)` or `\(key)` can be specified, not both") }
            return value.isNull ? old : value
        }
        func list(_ value: ConfigValue, _ key: String) throws -> [String] {
            if value.isNull { return [] }
            guard case .list = value, let names = value.stringList else { throw invalid("'\(key)' must be a list of names") }
            for name in names where !Self.isValidName(name) {
                throw invalid("\(name) is not a valid dbt error name (nor a Weir warning code such as W1905)")
            }
            return names
        }
        for key in map.keys where !["error", "include", "warn", "exclude", "silence"].contains(key) {
            throw invalid("unknown key '\(key)' (use error, warn and silence)")
        }
        let error = try names("error", "include")
        if case .string(let all) = error {
            guard Self.allNames.contains(all) else { throw invalid("error must be one of ('all', '*') or a list of strings") }
            errorAll = true
        } else {
            self.error = try list(error, "error")
        }
        warn = try list(try names("warn", "exclude"), "warn")
        silence = try list(map["silence"] ?? .null, "silence")
        if !warn.isEmpty, !errorAll, !self.error.contains(Self.deprecations), !silence.contains(Self.deprecations) {
            throw invalid("`warn` can only be specified if `error` is one of ('all', '*') or Deprecations is in `error` or silence.")
        }
    }

    /// The invocation's policy: `--warn-error` and `--warn-error-options` as given on the command
    /// line (or in the environment), each else the `flags:` of `dbt_project.yml` of the same name.
    /// As in dbt, the two may not both be given.
    public static func resolve(
        warnError: Bool?, options: (value: ConfigValue, origin: String)?, projectFlags: ConfigMap
    ) throws -> WarningPolicy {
        let warnError = warnError ?? projectFlags["warn_error"].map(\.isTruthy)
        let options = options ?? projectFlags["warn_error_options"].map { ($0, "dbt_project.yml flags.warn_error_options") }
        if warnError != nil, options != nil {
            throw Diagnostic(
                code: "W0011", message: "warn_error_options: not allowed with argument warn_error",
                help: "give --warn-error (every warning is an error) or --warn-error-options (the ones it names), not both")
        }
        var policy = try options.map { try WarningPolicy(options: $0.value, origin: $0.origin) } ?? WarningPolicy()
        policy.warnError = warnError ?? false
        return policy
    }

    private static let allNames: Set<String> = ["all", "*"]
    private static let deprecations = "Deprecations"

    private static func isValidName(_ name: String) -> Bool {
        if name == deprecations || DbtEventNames.all.contains(name) { return true }
        let bytes = Array(name.utf8)
        return bytes.count == 5 && bytes[0] == UInt8(ascii: "W") && bytes.dropFirst().allSatisfy { (48...57).contains($0) }
    }

    /// Whether dbt's warning `event` (one Weir checks by name, such as `LogTestResult`) is an error.
    public func isError(event: String) -> Bool {
        isError(names: [event], dbtGivesIt: true)
    }

    /// Whether dbt's warning `event` is printed.
    public func isSilenced(event: String) -> Bool {
        isSilenced(names: [event])
    }

    /// Whether `warning` stops the invocation (or fails its node) as an error.
    public func isError(_ warning: Diagnostic) -> Bool {
        isError(names: Self.names(of: warning), dbtGivesIt: warning.event != nil)
    }

    /// Whether `warning` goes unprinted.
    public func isSilenced(_ warning: Diagnostic) -> Bool {
        isSilenced(names: Self.names(of: warning))
    }

    private static func names(of warning: Diagnostic) -> [String] {
        warning.event.map { [$0, warning.code] } ?? [warning.code]
    }

    /// dbt's `WarnErrorOptionsV2.errors`: named in `error` and not in `warn` or `silence`, or
    /// `error: all` and named in neither.
    private func isError(names: [String], dbtGivesIt: Bool) -> Bool {
        if warnError { return dbtGivesIt }
        if names.contains(where: { warn.contains($0) || silence.contains($0) }) { return false }
        return names.contains(where: error.contains) || (errorAll && dbtGivesIt)
    }

    private func isSilenced(names: [String]) -> Bool {
        !warnError && names.contains(where: silence.contains)
    }

    /// The warnings to print, up to the first that is an error (then that one as its error), as
    /// dbt prints the warnings it gave before the one that stopped it.
    public func apply(to warnings: [Diagnostic]) -> (printed: [Diagnostic], error: Diagnostic?) {
        var printed: [Diagnostic] = []
        for warning in warnings {
            if isError(warning) { return (printed, Self.promoted(warning)) }
            if !isSilenced(warning) { printed.append(warning) }
        }
        return (printed, nil)
    }

    /// `warning` as the error it becomes.
    public static func promoted(_ warning: Diagnostic) -> Diagnostic {
        var error = warning
        error.severity = .error
        let name = warning.event ?? warning.code
        error.notes.append(Diagnostic.Note("an error because of --warn-error or warn_error_options (\(name))"))
        return error
    }
}
