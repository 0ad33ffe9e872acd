/// One cell of a result, as the Python value dbt's driver hands dbt (psycopg2's, sqlite3's).
public enum PreviewValue: Sendable, Hashable {
    case null
    case integer(Int64)
    /// A float, or a `numeric` (which psycopg2 gives as a `Decimal`; Weir reads it as a double,
    /// so beyond 15 significant digits the last ones may differ from dbt's).
    case real(Double)
    case text(String)
    case boolean(Bool)
    /// A `datetime.date`, as `str()` writes it: `2024-01-02`.
    case date(String)
    /// A `datetime.datetime`, as `str()` writes it: `2024-01-02 03:04:05`, with `.ffffff` when it
    /// has microseconds and `+HH:MM` when it has an offset.
    case dateTime(String)

    /// A PostgreSQL `timestamp` or `timestamptz` in the server's ISO output
    /// (`2024-02-03 00:00:00.25`, `2024-01-02 03:04:05+05:30`) as psycopg2's `datetime` prints it
    /// (`2024-02-03 00:00:00.250000`, `2024-01-02 03:04:05+05:30`); nil for what psycopg2 could
    /// not hand over as a `datetime` (infinity, BC dates, years past 9999).
    public static func dateTime(postgres text: String) -> PreviewValue? {
        let bytes = Array(text.utf8)
        // YYYY-MM-DD HH:MM:SS, then an optional fraction and offset.
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: " "), isDate(bytes[..<10]) else { return nil }
        var rest = bytes[19...]
        var fraction = ""
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty, digits.count <= 6 else { return nil }
            fraction = "." + String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: 6 - digits.count)
            rest = rest.dropFirst(1 + digits.count)
        }
        var offset = String(decoding: rest, as: UTF8.self)
        if !offset.isEmpty {
            // PostgreSQL drops zero minutes (`+00`); Python always writes them (`+00:00`).
            guard offset.first == "+" || offset.first == "-", offset.count == 3 || offset.count == 6 || offset.count == 9 else {
                return nil
            }
            if offset.count == 3 { offset += ":00" }
        }
        return .dateTime(String(decoding: bytes[..<19], as: UTF8.self) + fraction + offset)
    }

    /// A PostgreSQL `date` in ISO output; nil for what psycopg2 could not hand over as a `date`.
    public static func date(postgres text: String) -> PreviewValue? {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && isDate(bytes[...]) ? .date(text) : nil
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count == 10
            && bytes.enumerated().allSatisfy { offset, byte in
                offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            }
    }
}
