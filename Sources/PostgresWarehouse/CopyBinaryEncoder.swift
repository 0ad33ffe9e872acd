import CLibPQ
import Warehouse

/// Rows as `COPY ... FROM STDIN WITH (FORMAT binary)` data: PostgreSQL's own representation of
/// each value, which the server stores without parsing text (a 200,000-row seed loads in less
/// than half the time CSV takes: no `int4in`, `float8in` or `timestamp_in` per cell).
///
/// The binary format must produce exactly what the CSV that `CopyCSVEncoder` writes would give,
/// so a value goes binary only when its conversion is certain to agree with the column type's
/// text input function. `append(row:)` refuses any other value (a text that is not a canonical
/// date, a fraction for an integer column, an integer out of range); the load then starts over
/// in CSV, where the server converts it or reports the error CSV would.
struct CopyBinaryEncoder: CopyEncoder {
    /// The column types the encoder writes, by the OIDs of PostgreSQL's built-in types.
    enum ColumnType {
        case int2, int4, int8, float8, boolean, text, date, timestamp

        init?(oid: Oid) {
            switch oid {
            case 21: self = .int2
            case 23: self = .int4
            case 20: self = .int8
            case 701: self = .float8
            case 16: self = .boolean
            case 25, 1043: self = .text  // text, varchar (whose length check binary input makes too)
            case 1082: self = .date
            case 1114: self = .timestamp  // without time zone
            default: return nil
            }
        }
    }

    let types: [ColumnType]
    private(set) var bytes: [UInt8] = []

    /// nil when a column's type is not one the encoder writes.
    init?(oids: [Oid], capacity: Int = 0) {
        var types: [ColumnType] = []
        for oid in oids {
            guard let type = ColumnType(oid: oid) else { return nil }
            types.append(type)
        }
        self.types = types
        bytes.reserveCapacity(capacity)
        // Signature, flags (no OIDs), header extension length.
        bytes.append(contentsOf: Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        append32(0)
        append32(0)
    }

    mutating func append(row: [WarehouseValue]) -> Bool {
        let rowStart = bytes.count
        append16(UInt16(truncatingIfNeeded: row.count))
        for (value, type) in zip(row, types) {
            guard append(value, as: type) else {
                bytes.removeSubrange(rowStart...)
                return false
            }
        }
        return true
    }

    mutating func finish() {
        append16(0xFFFF)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: - Values

    private mutating func append(_ value: WarehouseValue, as type: ColumnType) -> Bool {
        switch (value, type) {
        case (.null, _):
            append32(UInt32(bitPattern: -1))
        case (.integer(let number), .int2):
            guard let small = Int16(exactly: number) else { return false }
            append32(2)
            append16(UInt16(bitPattern: small))
        case (.integer(let number), .int4):
            guard let small = Int32(exactly: number) else { return false }
            append32(4)
            append32(UInt32(bitPattern: small))
        case (.integer(let number), .int8):
            append32(8)
            append64(UInt64(bitPattern: number))
        case (.integer(let number), .float8):
            // float8in rounds the decimal digits to the nearest double, as this conversion does.
            append32(8)
            append64(Double(number).bitPattern)
        case (.real(let number), .float8):
            // CSV sends the shortest digits that read back as this very double.
            append32(8)
            append64(number.bitPattern)
        case (.boolean(let flag), .boolean):
            append32(1)
            bytes.append(flag ? 1 : 0)
        case (_, .text):
            // The text CSV would send; text input keeps it as it is.
            var text = value.text ?? ""
            text.withUTF8 { utf8 in
                append32(UInt32(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        case (.text(var text), .date):
            guard let days = text.withUTF8(Self.daysSince2000) else { return false }
            append32(4)
            append32(UInt32(bitPattern: days))
        case (.text(var text), .timestamp):
            guard let microseconds = text.withUTF8(Self.microsecondsSince2000) else { return false }
            append32(8)
            append64(UInt64(bitPattern: microseconds))
        default:
            return false
        }
        return true
    }

    /// Days from 2000-01-01 (PostgreSQL's date epoch) to a canonical `YYYY-MM-DD` date of year
    /// 1 to 9999; nil for any other text, which `date_in` may read otherwise or reject.
    static func daysSince2000(_ text: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            let year = digits(text, 0, 4), let month = digits(text, 5, 2), let day = digits(text, 8, 2),
            CivilDate.isValid(year, month, day)
        else { return nil }
        return Int32(CivilDate.daysSince1970(year, month, day) - CivilDate.daysSince1970(2000, 1, 1))
    }

    /// Microseconds from 2000-01-01 00:00:00 to a canonical `YYYY-MM-DD HH:MM:SS[.ffffff]`
    /// timestamp (what `SeedTimestamp` writes for a datetime without offset); nil otherwise.
    static func microsecondsSince2000(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard text.count == 19 || (21...26).contains(text.count),
            let days = daysSince2000(UnsafeBufferPointer(rebasing: text[0..<10])),
            text[10] == UInt8(ascii: " "), text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"),
            let hour = digits(text, 11, 2), let minute = digits(text, 14, 2), let second = digits(text, 17, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0
        if text.count > 19 {
            guard text[19] == UInt8(ascii: "."), let written = digits(text, 20, text.count - 20) else { return nil }
            fraction = written
            for _ in text.count..<26 { fraction *= 10 }
        }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        return seconds * 1_000_000 + Int64(fraction)
    }

    /// The decimal number written by `count` ASCII digits at `start`; nil if any is not a digit.
    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in text[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    // MARK: - Network byte order

    private mutating func append16(_ value: UInt16) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func append64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
