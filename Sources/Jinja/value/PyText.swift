/// CPython's substring algorithms (`stringlib`) over code points, shared by the `str` methods.
///
/// Positions are offsets into an array of `Unicode.Scalar`, which is what Python indexes.
enum PyText {
    typealias Scalars = [Unicode.Scalar]

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The first offset of `needle` within `haystack[from..<to]`; "" is found at `from`.
    static func find(_ haystack: Scalars, _ needle: Scalars, _ from: Int, _ to: Int) -> Int? {
        guard to - from >= needle.count else { return nil }
        guard let first = needle.first else { return from }
        var index = from
        let last = to - needle.count
        while index <= last {
            if haystack[index] == first && matches(haystack, needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// The last offset of `needle` within `haystack[from..<to]`; "" is found at `to`.
    static func rfind(_ haystack: Scalars, _ needle: Scalars, _ from: Int, _ to: Int) -> Int? {
        guard to - from >= needle.count else { return nil }
        var index = to - needle.count
        while index >= from {
            if matches(haystack, needle, at: index) { return index }
            index -= 1
        }
        return nil
    }

    private static func matches(_ haystack: Scalars, _ needle: Scalars, at index: Int) -> Bool {
        for offset in needle.indices where haystack[index + offset] != needle[offset] { return false }
        return true
    }

    /// `str.count`: non-overlapping occurrences; "" occurs between every two characters.
    static func count(_ haystack: Scalars, _ needle: Scalars, _ start: Int?, _ end: Int?) -> Int {
        let (from, to) = PyIndex.adjust(start: start, end: end, count: haystack.count)
        guard to - from >= needle.count else { return 0 }
        if needle.isEmpty { return to - from + 1 }
        var total = 0
        var index = from
        while let found = find(haystack, needle, index, to) {
            total += 1
            index = found + needle.count
        }
        return total
    }

    /// `str.replace`: at most `count` replacements when `count` is non-negative; an empty
    /// `old` inserts `new` before every character and at the end.
    static func replace(_ s: String, _ old: String, _ new: String, count: Int) -> String {
        let limit = count < 0 ? Int.max : count
        guard limit > 0 else { return s }
        if old.isEmpty {
            let scalars = Array(s.unicodeScalars)
            let replacement = Array(new.unicodeScalars)
            var out = Scalars()
            var inserted = 0
            for scalar in scalars {
                if inserted < limit {
                    out += replacement
                    inserted += 1
                }
                out.append(scalar)
            }
            if inserted < limit { out += replacement }
            return string(out)
        }
        return replaceBytes(s, old, new, limit: limit)
    }

    /// `replace` for a non-empty `old`, on UTF-8 bytes: UTF-8 is self-synchronising, so a byte
    /// match is a code-point match, and the text need not be decoded (a hot path in dbt macros).
    private static func replaceBytes(_ s: String, _ old: String, _ new: String, limit: Int) -> String {
        var text = s
        return text.withUTF8 { haystack in
            var needleText = old
            return needleText.withUTF8 { needle in replaceBytes(haystack, needle, new, limit: limit) } ?? s
        }
    }

    /// The byte-level search of `replaceBytes`; nil when nothing was replaced.
    private static func replaceBytes(
        _ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, _ new: String,
        limit: Int
    ) -> String? {
        let first = needle[0]
        var out: [UInt8] = []
        var index = 0
        var copied = 0
        var replaced = 0
        let last = haystack.count - needle.count
        while replaced < limit && index <= last {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) {
                if replaced == 0 { out.reserveCapacity(haystack.count) }
                out += haystack[copied..<index]
                out += new.utf8
                index += needle.count
                copied = index
                replaced += 1
            } else {
                index += 1
            }
        }
        guard replaced > 0 else { return nil }
        out += haystack[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `str.strip`/`lstrip`/`rstrip`: whitespace when `chars` is nil.
    static func strip(_ s: String, _ chars: Set<Unicode.Scalar>?, left: Bool, right: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        let remove: (Unicode.Scalar) -> Bool =
            chars.map { set in { set.contains($0) } } ?? { $0.isPythonSpace }
        var start = 0
        var end = scalars.count
        if left { while start < end && remove(scalars[start]) { start += 1 } }
        if right { while end > start && remove(scalars[end - 1]) { end -= 1 } }
        if start == 0 && end == scalars.count { return s }
        return string(scalars[start..<end])
    }

    /// `str.split`: on runs of whitespace when `separator` is nil (dropping empty ends), else
    /// on each occurrence; at most `limit` splits.
    static func split(_ s: Scalars, _ separator: Scalars?, limit: Int) -> [String] {
        var parts: [String] = []
        guard let separator else {
            var i = 0
            var splits = 0
            while splits < limit {
                while i < s.count && s[i].isPythonSpace { i += 1 }
                if i == s.count { break }
                let j = i
                i += 1
                while i < s.count && !s[i].isPythonSpace { i += 1 }
                parts.append(string(s[j..<i]))
                splits += 1
            }
            if i < s.count {
                // The limit was reached: the rest, without its leading whitespace, is one part.
                while i < s.count && s[i].isPythonSpace { i += 1 }
                if i != s.count { parts.append(string(s[i...])) }
            }
            return parts
        }
        var start = 0
        var splits = 0
        while splits < limit, let found = find(s, separator, start, s.count) {
            parts.append(string(s[start..<found]))
            start = found + separator.count
            splits += 1
        }
        parts.append(string(s[start...]))
        return parts
    }

    /// `str.rsplit`: `split` working from the end.
    static func rsplit(_ s: Scalars, _ separator: Scalars?, limit: Int) -> [String] {
        var parts: [String] = []
        guard let separator else {
            var i = s.count - 1
            var splits = 0
            while splits < limit {
                while i >= 0 && s[i].isPythonSpace { i -= 1 }
                if i < 0 { break }
                let j = i
                i -= 1
                while i >= 0 && !s[i].isPythonSpace { i -= 1 }
                parts.append(string(s[(i + 1)...j]))
                splits += 1
            }
            if i >= 0 {
                while i >= 0 && s[i].isPythonSpace { i -= 1 }
                if i >= 0 { parts.append(string(s[...i])) }
            }
            return parts.reversed()
        }
        var end = s.count
        var splits = 0
        while splits < limit, let found = rfind(s, separator, 0, end) {
            parts.append(string(s[(found + separator.count)..<end]))
            end = found
            splits += 1
        }
        parts.append(string(s[..<end]))
        return parts.reversed()
    }

    /// `str.splitlines`, on Python's full set of line boundaries, `\r\n` counting as one.
    static func splitLines(_ s: String, keepends: Bool) -> [String] {
        if s.isEmpty { return [] }
        // Most text has only `\n` breaks and no other line-break characters: split on bytes.
        if !s.utf8.contains(where: {
            $0 == 0x0D || $0 == 0x0B || $0 == 0x0C || ($0 >= 0x1C && $0 <= 0x1E) || $0 >= 0x80
        }) {
            var lines = s.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            if s.utf8.last == 0x0A { lines.removeLast() }
            if keepends {
                for index in lines.indices where index < lines.count - 1 || s.utf8.last == 0x0A {
                    lines[index] += "\n"
                }
            }
            return lines
        }
        let scalars = Array(s.unicodeScalars)
        var lines: [String] = []
        var i = 0
        while i < scalars.count {
            let start = i
            while i < scalars.count && !scalars[i].isPythonLineBreak { i += 1 }
            var end = i
            if i < scalars.count {
                i += (scalars[i] == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") ? 2 : 1
                if keepends { end = i }
            }
            lines.append(string(scalars[start..<end]))
        }
        return lines
    }
}
