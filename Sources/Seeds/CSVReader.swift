import Diagnostics

/// Splits seed text into records as dbt reads a seed: `agate.Table.from_csv` over Python's
/// `csv.reader` with the default `excel` dialect (quote `"`, doubled quotes, no escape
/// character, `strict=False`) and dbt's `delimiter` config, reading a file dbt opened in text
/// mode, so with universal newlines.
///
/// What that means, all matched here on UTF-8 bytes:
/// - CRLF, CR and LF all end a record, and a CRLF or CR inside quotes reads as `\n` (Python's
///   newline translation happens before the csv module sees the text).
/// - One leading UTF-8 byte-order mark is dropped (`agate_helper.from_csv` skips a first `\ufeff`).
/// - A quote only opens a quoted field at the start of a field; elsewhere it is a literal
///   character (`5'11"` stays as written). Text after a closing quote is appended to the field
///   (`"ab"cd` reads as `abcd`), as the non-strict reader does.
/// - A blank line is a record with no fields (agate then loads it as a row of NULLs), and so is
///   a blank line at the end of the file; a file that ends without a newline is fine.
///
/// One deliberate difference: Python silently ends a quoted field that is still open at the end
/// of the file, swallowing the rest of the file into one value; Weir reports it (W1201).
struct CSVReader: Sendable {
    /// The delimiter's UTF-8 bytes: one Unicode scalar, as Python requires a 1-character string.
    let delimiter: [UInt8]

    init(delimiter: Unicode.Scalar) {
        self.delimiter = Array(String(Character(delimiter)).utf8)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Reads every record of `file`.
    func read(_ file: SourceFile) throws(Diagnostic) -> CSVRecords {
        var text = file.text
        var result: Result<CSVRecords, Diagnostic> = .success(CSVRecords(reservingFor: 0))
        text.withUTF8 { bytes in
            do throws(Diagnostic) {
                result = .success(try read(bytes, file: file))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private func read(_ bytes: UnsafeBufferPointer<UInt8>, file: SourceFile) throws(Diagnostic) -> CSVRecords
    {
        var records = CSVRecords(reservingFor: bytes.count)
        let count = bytes.count
        let first = delimiter[0]
        let delimiterLength = delimiter.count
        @inline(__always) func isDelimiter(at index: Int) -> Bool {
            guard bytes[index] == first else { return false }
            if delimiterLength == 1 { return true }
            guard index + delimiterLength <= count else { return false }
            for offset in 1..<delimiterLength where bytes[index + offset] != delimiter[offset] {
                return false
            }
            return true
        }
        /// The index after a line break at `index` (CRLF counts as one).
        @inline(__always) func skipLineBreak(_ index: Int) -> Int {
            if bytes[index] == Self.carriageReturn, index + 1 < count, bytes[index + 1] == Self.lineFeed {
                return index + 2
            }
            return index + 1
        }

        var index = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            records.beginRecord(at: index)
            if bytes[index] == Self.lineFeed || bytes[index] == Self.carriageReturn {
                // A blank line: csv.reader yields [].
                index = skipLineBreak(index)
                records.endRecord()
                continue
            }
            fields: while true {
                records.beginField(at: index)
                if index < count, bytes[index] == Self.quote {
                    let opening = index
                    index += 1
                    quoted: while true {
                        var scan = index
                        while scan < count, bytes[scan] != Self.quote, bytes[scan] != Self.carriageReturn {
                            scan += 1
                        }
                        records.storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<scan]))
                        guard scan < count else {
                            throw Diagnostic.unterminatedQuote(file: file, at: opening)
                        }
                        if bytes[scan] == Self.carriageReturn {
                            records.storage.append(Self.lineFeed)
                            index = skipLineBreak(scan)
                        } else if scan + 1 < count, bytes[scan + 1] == Self.quote {
                            records.storage.append(Self.quote)
                            index = scan + 2
                        } else {
                            index = scan + 1
                            break quoted
                        }
                    }
                }
                // An unquoted field, or what follows a closing quote: up to a delimiter or line end.
                var scan = index
                while scan < count {
                    let byte = bytes[scan]
                    if byte == Self.lineFeed || byte == Self.carriageReturn || isDelimiter(at: scan) { break }
                    scan += 1
                }
                records.storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<scan]))
                records.endField()
                if scan == count {
                    index = count
                    break fields
                }
                if bytes[scan] == Self.lineFeed || bytes[scan] == Self.carriageReturn {
                    index = skipLineBreak(scan)
                    break fields
                }
                index = scan + delimiterLength
                if index == count {
                    // A delimiter just before the end of the file: one more, empty, field.
                    records.beginField(at: index)
                    records.endField()
                    break fields
                }
            }
            records.endRecord()
        }
        return records
    }
}
