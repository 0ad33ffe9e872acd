import Diagnostics

/// The records of one CSV file, stored flat so that a 100,000-row seed costs a few arrays
/// rather than a million strings: every field's unescaped bytes back to back in `storage`, and
/// offsets into it.
struct CSVRecords: Sendable {
    /// Field contents, unescaped (`""` is `"`, every line break inside quotes is `\n`).
    var storage: [UInt8] = []
    /// For each field, the end of its bytes in `storage` (its start is the previous field's end).
    var fieldEnds: [Int] = []
    /// For each field, the UTF-8 offset in the source where it starts (its opening quote, if
    /// quoted), for diagnostics.
    var fieldOffsets: [Int] = []
    /// For each record, the index in `fieldEnds` one past its last field.
    var recordEnds: [Int] = []
    /// For each record, the UTF-8 offset in the source where it starts.
    var recordOffsets: [Int] = []

    var count: Int { recordEnds.count }

    /// Room for the records of `byteCount` bytes of CSV: unescaped fields never take more bytes
    /// than the text, and the field tables start from a guess (fields of eight bytes or more).
    init(reservingFor byteCount: Int) {
        storage.reserveCapacity(byteCount)
        fieldEnds.reserveCapacity(byteCount / 8)
        fieldOffsets.reserveCapacity(byteCount / 8)
    }

    /// The indices (into `fieldEnds`) of one record's fields.
    func fields(ofRecord record: Int) -> Range<Int> {
        (record == 0 ? 0 : recordEnds[record - 1])..<recordEnds[record]
    }

    /// The range of one field's bytes in `storage`.
    func bytes(ofField field: Int) -> Range<Int> {
        (field == 0 ? 0 : fieldEnds[field - 1])..<fieldEnds[field]
    }

    /// One field's text.
    func string(ofField field: Int) -> String {
        storage.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[bytes(ofField: field)]), as: UTF8.self)
        }
    }

    mutating func beginRecord(at offset: Int) { recordOffsets.append(offset) }

    mutating func beginField(at offset: Int) { fieldOffsets.append(offset) }

    mutating func endField() { fieldEnds.append(storage.count) }

    mutating func endRecord() { recordEnds.append(fieldEnds.count) }
}

extension CSVRecords {
    /// How many source bytes a field spans (up to its delimiter or line end), for spans.
    func rawLength(ofField field: Int, in file: SourceFile, delimiter: Character) -> Int {
        let utf8 = file.text.utf8
        let start = fieldOffsets[field]
        var index = utf8.index(utf8.startIndex, offsetBy: start)
        var length = 0
        var inQuotes = false
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                break
            } else if !inQuotes, String(delimiter).utf8.first == byte {
                break
            }
            length += 1
            index = utf8.index(after: index)
        }
        return length
    }
}
