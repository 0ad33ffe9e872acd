import Foundation

/// A source's freshness thresholds, dbt's `FreshnessThreshold`: how old its newest row may be
/// before `weir source freshness` warns (`warn_after`) or fails (`error_after`), and which rows
/// count (`filter`, a SQL condition).
public struct FreshnessThreshold: Sendable, Equatable {
    /// dbt's `Time`: a count of minutes, hours or days. Either part missing leaves it unset.
    public struct Time: Sendable, Equatable {
        public var count: Int?
        /// `minute`, `hour` or `day`.
        public var period: String?

        public init(count: Int? = nil, period: String? = nil) {
            self.count = count
            self.period = period
        }

        init(_ value: ConfigValue?) {
            let map = value?.mapValue ?? ConfigMap()
            count = map["count"]?.intValue
            period = map["period"]?.stringValue
        }

        /// The span in seconds; nil when unset (dbt's `Time.__bool__`).
        public var seconds: Double? {
            guard let count, let period else { return nil }
            switch period {
            case "minute": return Double(count) * 60
            case "hour": return Double(count) * 3600
            case "day": return Double(count) * 86400
            default: return nil
            }
        }

        /// dbt's `Time.exceeded`: strictly older than the span.
        func isExceeded(by age: Double) -> Bool { seconds.map { age > $0 } ?? false }
    }

    /// What a check concludes from the age of the newest row.
    public enum Verdict: String, Sendable {
        case pass, warn, error
    }

    public var warnAfter: Time
    public var errorAfter: Time
    public var filter: String?

    /// The load time dbt gives a source whose query found no row: 0001-01-01 00:00 UTC,
    /// "infinitely long ago".
    public static let neverLoaded = Date(timeIntervalSince1970: -62_135_596_800)

    public init(warnAfter: Time = Time(), errorAfter: Time = Time(), filter: String? = nil) {
        self.warnAfter = warnAfter
        self.errorAfter = errorAfter
        self.filter = filter
    }

    /// The thresholds of a `freshness:` mapping; none from anything else (`freshness: null`).
    public init(_ value: ConfigValue) {
        let map = value.mapValue ?? ConfigMap()
        warnAfter = Time(map["warn_after"])
        errorAfter = Time(map["error_after"])
        filter = map["filter"]?.stringValue
    }

    /// Whether there is anything to check: dbt's `FreshnessThreshold.__bool__`, which decides
    /// whether `source freshness` selects a source.
    public var isSet: Bool { warnAfter.seconds != nil || errorAfter.seconds != nil }

    /// dbt's `FreshnessThreshold.status`: `error` past `error_after`, else `warn` past
    /// `warn_after`, else `pass` (a negative age, data loaded in the future, passes).
    public func verdict(age: Double) -> Verdict {
        if errorAfter.isExceeded(by: age) { return .error }
        if warnAfter.isExceeded(by: age) { return .warn }
        return .pass
    }
}

extension SourceDefinition {
    /// The thresholds dbt checks: the table's `freshness` (merged with its source's), else the
    /// one its config holds (dbt 1.10+ copies the `sources:` tree's onto the source).
    public var freshnessThreshold: FreshnessThreshold {
        if freshness.mapValue != nil { return FreshnessThreshold(freshness) }
        return FreshnessThreshold(config["freshness"] ?? .null)
    }
}
