/// dbt's `inject_ctes_into_sql`: ephemeral models go in front of a query as CTEs, joining its
/// own `with` clause when it has one at the top level.
enum CTEInjection {
    /// `ctes` are `" __dbt__cte__name as (\n<sql>\n)"` strings, as dbt builds them.
    static func inject(_ ctes: [String], into sql: String) -> String {
        guard !ctes.isEmpty else { return sql }
        let joined = ctes.joined(separator: ", ")
        let bytes = Array(sql.utf8)
        if var end = topLevelWithEnd(bytes) {
            // sqlparse inserts before the next token that is not whitespace.
            while end < bytes.count, isSpace(bytes[end]) { end += 1 }
            let head = String(decoding: bytes[..<end], as: UTF8.self)
            let tail = String(decoding: bytes[end...], as: UTF8.self)
            return head + joined + ", " + tail
        }
        // sqlparse puts `with` before the first token that is not whitespace.
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        let head = String(decoding: bytes[..<start], as: UTF8.self)
        let tail = String(decoding: bytes[start...], as: UTF8.self)
        return head + "with" + joined + " " + tail
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte >= 0x80 || byte == 0x24
    }

    /// The offset just after a top-level `WITH` keyword (or after `WITH RECURSIVE`), if any.
    private static func topLevelWithEnd(_ bytes: [UInt8]) -> Int? {
        var i = 0
        var depth = 0
        var withEnd: Int?
        while i < bytes.count {
            let byte = bytes[i]
            if isSpace(byte) {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                continue
            }
            if byte == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i + 1 < bytes.count, !(bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
                continue
            }
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                i += 1
                while i < bytes.count, bytes[i] != byte { i += 1 }
                i += 1
                if withEnd != nil { return withEnd }
                continue
            }
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
            if isWordByte(byte) {
                let start = i
                while i < bytes.count, isWordByte(bytes[i]) { i += 1 }
                guard depth == 0 else { continue }
                let word = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
                if let end = withEnd {
                    return word == "recursive" ? i : end
                }
                if word == "with" { withEnd = i }
                continue
            }
            if withEnd != nil { return withEnd }
            i += 1
        }
        return withEnd
    }
}
