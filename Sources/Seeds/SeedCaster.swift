import Warehouse

/// How one column's cells are cast: the agate type dbt's tester chose, and for a Number column
/// whether `MaxPrecision` makes it an integer column.
struct SeedCast: Sendable, Hashable {
    var candidate: SeedTypeTester.Candidate
    var integerColumn: Bool

    var seedType: SeedType {
        switch candidate {
        case .integer: return .untested
        case .number: return integerColumn ? .integer : .number
        case .date: return .date
        case .dateTime, .isoDateTime: return .datetime
        case .boolean: return .boolean
        case .text: return .text
        }
    }
}

/// agate's `cast` of one cell under its column's type, turned into the value Weir loads:
/// NULL for agate's None; numbers as `AgateNumber.warehouseValue` describes; booleans as
/// booleans; dates and datetimes as the text `SeedTimestamp` renders; text exactly as written.
struct SeedCaster {
    private var cell = CellText()

    /// The value, or nil for a datetime whose offset Python cannot format (dbt fails on it).
    mutating func cast(_ bytes: UnsafeBufferPointer<UInt8>, as cast: SeedCast) -> WarehouseValue? {
        if cast.candidate == .text { return text(bytes) }
        if bytes.isEmpty { return .null }
        cell.load(bytes)
        return cell.withScalars { text -> WarehouseValue? in
            let stripped = text.stripped()
            switch cast.candidate {
            case .integer, .text:
                return .null  // dbt's Integer only wins when no cell is present
            case .number:
                switch AgateNumber.cast(text) {
                case .number(let number): return number.warehouseValue(integerColumn: cast.integerColumn)
                case .null: return .null
                // Every cell passed the Number test already.
                case .invalid, .overflow: return .text(String(decoding: bytes, as: UTF8.self))
                }
            case .boolean:
                switch SeedTypeTester.castBoolean(text) {
                case .value(let value): return .boolean(value)
                case .null, .invalid: return .null
                }
            case .date:
                return Self.timestamp(stripped, bytes, as: .date)
            case .dateTime:
                return Self.timestamp(stripped, bytes, as: .dateTime)
            case .isoDateTime:
                if stripped.isNullMarker { return .null }
                guard let timestamp = ISODateTimeParser.parse(stripped) else { return .null }
                guard timestamp.hasRenderableOffset else { return nil }
                return .text(timestamp.dateTimeText)
            }
        }
    }

    /// A Date or DateTime cell as the text Python's `str()` gives the parsed value; a cell
    /// already in the canonical form renders as written, so it is copied without rendering.
    private static func timestamp(_ stripped: Scalars, _ bytes: UnsafeBufferPointer<UInt8>, as format: StrptimeFormat)
        -> WarehouseValue
    {
        if stripped.isNullMarker { return .null }
        if stripped.count == bytes.count, format.parseCanonical(stripped) != nil {
            return .text(String(decoding: bytes, as: UTF8.self))
        }
        guard let timestamp = format.parse(stripped) else { return .null }
        return .text(format == .date ? timestamp.dateText : timestamp.dateTimeText)
    }

    /// agate's Text cast with dbt's null values: NULL when `d.strip().lower()` is `""` or
    /// `"null"`, otherwise the text unchanged (not stripped).
    private mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> WarehouseValue {
        guard let first = bytes.first, let last = bytes.last else { return .null }
        // Fast path: an ASCII, non-space first and last byte, and not an "n": cannot be null.
        let plain = { (byte: UInt8) in byte < 0x80 && !Scalars.isSpace(UInt32(byte)) }
        if !(plain(first) && plain(last) && first | 0x20 != UInt8(ascii: "n")) {
            cell.load(bytes)
            if cell.withScalars({ $0.stripped().isNullMarker }) { return .null }
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}
