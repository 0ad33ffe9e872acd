import Warehouse

/// Rows as `COPY ... FROM STDIN WITH (FORMAT csv)` data, in UTF-8.
///
/// NULL is an unquoted empty field and every other value is double-quoted with embedded quotes
/// doubled, which is what lets PostgreSQL tell NULL from the empty string (its CSV default),
/// keeps commas, quotes and line breaks inside values, and keeps a value of `\.` from reading as
/// the end-of-data marker.
struct CopyCSVEncoder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(row: [WarehouseValue]) {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let text = value.text else { continue }
            bytes.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Empties the buffer after a chunk was sent, keeping its storage for the next one.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
