/// agate's `TypeTester.run` with the type list of dbt's `build_type_tester`: every column starts
/// with all candidate types, each present cell removes the types that cannot cast it, and the
/// column gets the first survivor in preference order. Columns named in `column_types` are
/// forced to Text and not tested.
struct SeedTypeTester {
    /// The types of dbt's tester, in its preference order.
    enum Candidate: Int, CaseIterable, Sendable {
        /// dbt's `Integer`: accepts only Python ints (and None), so never a CSV cell.
        case integer
        case number
        /// `Date(date_format="%Y-%m-%d")`
        case date
        /// `DateTime(datetime_format="%Y-%m-%d %H:%M:%S")`
        case dateTime
        /// dbt's `ISODateTime`
        case isoDateTime
        /// `Boolean(true_values=("true",), false_values=("false",))`
        case boolean
        case text

        var bit: UInt8 { 1 << UInt8(rawValue) }
    }

    /// What one cell casts to under one candidate type.
    enum BooleanCast { case null, value(Bool), invalid }

    private(set) var candidates: [UInt8]
    private(set) var precisions: [AgateNumber.Precision]
    private var cell = CellText()

    private static let all: UInt8 = Candidate.allCases.reduce(0) { $0 | $1.bit }

    init(columnCount: Int, forced: Set<Int>) {
        candidates = (0..<columnCount).map { forced.contains($0) ? Candidate.text.bit : Self.all }
        precisions = Array(repeating: AgateNumber.Precision(), count: columnCount)
    }

    /// Whether a column still has more than Text to decide (agate skips columns with one
    /// hypothesis left, which is always Text).
    func isOpen(_ column: Int) -> Bool { candidates[column] != Candidate.text.bit }

    /// Tests one present cell. Returns false when agate's Number cast overflows on it, which
    /// aborts dbt (only while Number is still a candidate, as in agate).
    mutating func test(column: Int, bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var remaining = candidates[column]
        guard remaining != Candidate.text.bit else { return true }
        // Any string fails dbt's Integer.
        remaining &= ~Candidate.integer.bit
        cell.load(bytes)
        var overflow = false
        var precision = precisions[column]
        cell.withScalars { text in
            let stripped = text.stripped()
            // NULL passes every other type.
            guard !stripped.isNullMarker else { return }
            if remaining & Candidate.number.bit != 0 {
                switch AgateNumber.cast(text) {
                case .number(let number): precision.add(number)
                case .null: break
                case .invalid: remaining &= ~Candidate.number.bit
                case .overflow: overflow = true
                }
            }
            if remaining & Candidate.date.bit != 0, StrptimeFormat.date.parse(stripped) == nil {
                remaining &= ~Candidate.date.bit
            }
            if remaining & Candidate.dateTime.bit != 0, StrptimeFormat.dateTime.parse(stripped) == nil {
                remaining &= ~Candidate.dateTime.bit
            }
            if remaining & Candidate.isoDateTime.bit != 0, ISODateTimeParser.parse(stripped) == nil {
                remaining &= ~Candidate.isoDateTime.bit
            }
            if remaining & Candidate.boolean.bit != 0, case .invalid = Self.castBoolean(text) {
                remaining &= ~Candidate.boolean.bit
            }
        }
        candidates[column] = remaining
        precisions[column] = precision
        return !overflow
    }

    /// Whether Number is still a candidate for a column.
    func allowsNumber(_ column: Int) -> Bool { candidates[column] & Candidate.number.bit != 0 }

    /// Adds what a tester of the rows after this one's concluded: a type survives both or neither.
    mutating func merge(_ later: SeedTypeTester) {
        for column in candidates.indices {
            candidates[column] &= later.candidates[column]
            precisions[column].merge(later.precisions[column])
        }
    }

    /// The type agate settles on for a column.
    func chosen(_ column: Int) -> Candidate {
        Candidate.allCases.first { candidates[column] & $0.bit != 0 } ?? .text
    }

    /// agate's `Boolean.cast` as dbt configures it: `d.replace(",", "").strip()`, then
    /// `"null"`/`""` are NULL, `true` and `false` (any case) are booleans, anything else fails.
    /// Commas are ignored where they stand rather than removed, so the stripping reaches past them.
    static func castBoolean(_ text: Scalars) -> BooleanCast {
        let stripped = text.trimming { Scalars.isSpace($0) || $0 == 0x2C }
        if stripped.equalsIgnoringASCIICase("null", skipping: 0x2C) { return .null }
        if stripped.allSatisfy({ $0 == 0x2C }) { return .null }
        if stripped.equalsIgnoringASCIICase("true", skipping: 0x2C) { return .value(true) }
        if stripped.equalsIgnoringASCIICase("false", skipping: 0x2C) { return .value(false) }
        return .invalid
    }
}
