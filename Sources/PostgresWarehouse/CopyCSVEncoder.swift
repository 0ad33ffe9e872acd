import Warehouse

/// Rows turned into the data of one COPY, chunk by chunk.
protocol CopyEncoder {
    /// The data not yet sent.
    var bytes: [UInt8] { get }
    /// Adds one row; false when the format cannot carry one of its values exactly (the row is
    /// then not added).
    mutating func append(row: [WarehouseValue]) -> Bool
    /// Adds what ends the data.
    mutating func finish()
    /// Empties the buffer after a chunk was sent, keeping its storage for the next one.
    mutating func removeAll()
}

/// Rows as `COPY ... FROM STDIN WITH (FORMAT csv)` data, in UTF-8.
///
/// NULL is an unquoted empty field and every text value is double-quoted with embedded quotes
/// doubled, which is what lets PostgreSQL tell NULL from the empty string (its CSV default),
/// keeps commas, quotes and line breaks inside values, and keeps a value of `\.` from reading as
/// the end-of-data marker. Numbers and booleans are never empty and never contain those
/// characters, so they go unquoted. Every value can be written, so `append(row:)` never refuses.
struct CopyCSVEncoder: CopyEncoder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    @discardableResult
    mutating func append(row: [WarehouseValue]) -> Bool {
        for (index, value) in row.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch value {
            case .null: continue
            case .integer(let number): appendDigits(of: number)
            case .real(let number): bytes.append(contentsOf: String(number).utf8)
            case .boolean(let flag): bytes.append(contentsOf: flag ? "true".utf8 : "false".utf8)
            case .text(var text): appendQuoted(&text)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        return true
    }

    /// CSV data needs no trailer.
    func finish() {}

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func appendQuoted(_ text: inout String) {
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices where utf8[index] == UInt8(ascii: "\"") {
                // Up to and including the quote, then the quote once more.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...index]))
                bytes.append(UInt8(ascii: "\""))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The decimal digits of an integer, written without making a String.
    private mutating func appendDigits(of number: Int64) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, filled from the end
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }
}
