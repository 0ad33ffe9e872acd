/// The little lexical knowledge the connection needs about the SQL it passes through:
/// mapping SQLite's byte offsets to the character positions `WarehouseError` promises, and a
/// statement's leading keyword.
enum SQLText {
    /// The 1-based character position of byte `offset` in UTF-8 `bytes`. `sqlite3_error_offset`
    /// counts bytes, while `WarehouseError.position` (and so `lineAndColumn`) counts characters.
    static func characterPosition(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let end = min(max(offset, 0), bytes.count)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self).count + 1
    }

    /// The first keyword of a statement, lower-cased, after whitespace and `--`/`/* */` comments
    /// ("" when there is none).
    static func leadingKeyword(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        var index = 0
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        while let byte = at(0) {
            if byte == UInt8(ascii: " ") || (9...13).contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "-"), at(1) == UInt8(ascii: "-") {
                while let next = at(0), next != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), at(1) == UInt8(ascii: "*") {
                index += 2
                while at(0) != nil, !(at(0) == UInt8(ascii: "*") && at(1) == UInt8(ascii: "/")) { index += 1 }
                index += 2
            } else {
                break
            }
        }
        var keyword = ""
        while let byte = at(0), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) {
            keyword.append(Character(Unicode.Scalar(byte | 0x20)))
            index += 1
        }
        return keyword
    }
}
