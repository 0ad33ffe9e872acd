/// Python's `pprint.pformat(value)` (width 80, indent 1, dict keys sorted), as Jinja2's
/// `pprint` filter calls it: the repr when it fits, otherwise containers one item per line
/// and long strings split into adjacent literals.
struct PyPrettyPrinter {
    let width = 80
    private var active: Set<ObjectIdentifier> = []

    static func format(_ value: Value) -> String {
        var printer = PyPrettyPrinter()
        var out = ""
        printer.format(value, indent: 0, allowance: 0, level: 0, into: &out)
        return out
    }

    private static func identity(_ value: Value) -> ObjectIdentifier? {
        switch value {
        case .list(let list): return ObjectIdentifier(list)
        case .dict(let dict): return ObjectIdentifier(dict)
        default: return nil
        }
    }

    /// `PrettyPrinter._format`.
    private mutating func format(
        _ value: Value, indent: Int, allowance: Int, level: Int, into out: inout String
    ) {
        if let id = Self.identity(value), active.contains(id) {
            out += Self.recursion(value)
            return
        }
        let rep = safeRepr(value)
        guard rep.unicodeScalars.count > width - indent - allowance else {
            out += rep
            return
        }
        let id = Self.identity(value)
        if let id { active.insert(id) }
        defer { if let id { active.remove(id) } }
        switch value {
        case .dict(let dict):
            out += "{"
            if dict.count > 0 {
                formatDictItems(
                    Self.sortedPairs(dict), indent: indent, allowance: allowance + 1, level: level + 1,
                    into: &out)
            }
            out += "}"
        case .list(let list):
            out += "["
            formatItems(list.items, indent: indent, allowance: allowance + 1, level: level + 1, into: &out)
            out += "]"
        case .tuple(let items):
            out += "("
            let end = items.count == 1 ? ",)" : ")"
            formatItems(items, indent: indent, allowance: allowance + end.count, level: level + 1, into: &out)
            out += end
        case .string(let s):
            formatString(s, indent: indent, allowance: allowance, level: level + 1, into: &out)
        default:
            out += rep
        }
    }

    /// `PrettyPrinter._format_dict_items`.
    private mutating func formatDictItems(
        _ pairs: [(Value, Value)], indent: Int, allowance: Int, level: Int, into out: inout String
    ) {
        let indent = indent + 1
        for (position, (key, item)) in pairs.enumerated() {
            let last = position == pairs.count - 1
            let keyRepr = safeRepr(key)
            out += keyRepr + ": "
            format(
                item, indent: indent + keyRepr.unicodeScalars.count + 2, allowance: last ? allowance : 1,
                level: level, into: &out)
            if !last { out += ",\n" + String(repeating: " ", count: indent) }
        }
    }

    /// `PrettyPrinter._format_items` (not compact).
    private mutating func formatItems(
        _ items: [Value], indent: Int, allowance: Int, level: Int, into out: inout String
    ) {
        let indent = indent + 1
        for (position, item) in items.enumerated() {
            let last = position == items.count - 1
            if position > 0 { out += ",\n" + String(repeating: " ", count: indent) }
            format(item, indent: indent, allowance: last ? allowance : 1, level: level, into: &out)
        }
    }

    /// `PrettyPrinter._pprint_str`: splits a long string at line ends and then after spaces,
    /// into adjacent literals (parenthesised at the top level).
    private func formatString(_ s: String, indent: Int, allowance: Int, level: Int, into out: inout String) {
        var indent = indent
        var allowance = allowance
        if level == 1 {
            indent += 1
            allowance += 1
        }
        var chunks: [String] = []
        let lines = PyText.splitLines(s, keepends: true)
        let maxWidth = width - indent
        var maxWidth1 = maxWidth
        var rep = ""
        for (i, line) in lines.enumerated() {
            rep = pyStringRepr(line)
            if i == lines.count - 1 { maxWidth1 -= allowance }
            if rep.unicodeScalars.count <= maxWidth1 {
                chunks.append(rep)
                continue
            }
            // `re.findall(r'\S*\s*', line)` without the final empty match.
            let parts = Self.wordsWithTrailingSpace(line)
            var maxWidth2 = maxWidth
            var current = ""
            for (j, part) in parts.enumerated() {
                let candidate = current + part
                if j == parts.count - 1 && i == lines.count - 1 { maxWidth2 -= allowance }
                if pyStringRepr(candidate).unicodeScalars.count > maxWidth2 {
                    if !current.isEmpty { chunks.append(pyStringRepr(current)) }
                    current = part
                } else {
                    current = candidate
                }
            }
            if !current.isEmpty { chunks.append(pyStringRepr(current)) }
        }
        if chunks.count == 1 {
            out += rep
            return
        }
        if level == 1 { out += "(" }
        out += chunks.joined(separator: "\n" + String(repeating: " ", count: indent))
        if level == 1 { out += ")" }
    }

    private static func wordsWithTrailingSpace(_ line: String) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var inSpace = false
        for scalar in line.unicodeScalars {
            let space = scalar.isPythonSpace
            if !space && inSpace {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            }
            inSpace = space
            current.append(scalar)
        }
        if !current.isEmpty { parts.append(String(current)) }
        return parts
    }

    /// `PrettyPrinter._safe_repr`: the one-line repr, with dict keys sorted.
    private mutating func safeRepr(_ value: Value) -> String {
        switch value {
        case .undefined: return "Undefined"
        case .dict(let dict):
            if dict.count == 0 { return "{}" }
            let id = ObjectIdentifier(dict)
            if active.contains(id) { return Self.recursion(value) }
            active.insert(id)
            defer { active.remove(id) }
            var parts: [String] = []
            for (key, item) in Self.sortedPairs(dict) { parts.append(safeRepr(key) + ": " + safeRepr(item)) }
            return "{" + parts.joined(separator: ", ") + "}"
        case .list(let list):
            if list.items.isEmpty { return "[]" }
            let id = ObjectIdentifier(list)
            if active.contains(id) { return Self.recursion(value) }
            active.insert(id)
            defer { active.remove(id) }
            var parts: [String] = []
            for item in list.items { parts.append(safeRepr(item)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .tuple(let items):
            if items.isEmpty { return "()" }
            var parts: [String] = []
            for item in items { parts.append(safeRepr(item)) }
            return items.count == 1 ? "(" + parts[0] + ",)" : "(" + parts.joined(separator: ", ") + ")"
        default:
            return value.pyRepr
        }
    }

    /// Python prints the object's id, which no other implementation can reproduce.
    private static func recursion(_ value: Value) -> String {
        "<Recursion on \(value.typeName)>"
    }

    /// `sorted(items, key=_safe_tuple)`: by key, falling back to the type name for keys
    /// Python cannot order.
    private static func sortedPairs(_ dict: PyDict) -> [(Value, Value)] {
        (try? BuiltinSupport.mergeSort(dict.pairs) { later, earlier in
            if let order = try? BuiltinSupport.order(later.0, earlier.0, "<") { return order < 0 }
            return "<class '\(later.0.typeName)'>" < "<class '\(earlier.0.typeName)'>"
        }) ?? dict.pairs
    }
}
