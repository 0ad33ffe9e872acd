import Diagnostics
import ProjectModel
import PythonRepr

/// One criterion: `[@][n+]method:value[+n]`, or the same as a YAML `method`/`value` mapping.
struct SelectionCriterion: Sendable, Hashable {
    /// The criterion as written, for messages.
    var raw: String
    /// Where it was written (`--select`, `selector 'nightly'`), for messages.
    var origin: String
    var method: SelectionMethod
    /// A string on the command line; YAML may give other scalars (`config.enabled: true`).
    var value: ConfigValue
    /// `@`: the selection's descendants and all of their ancestors.
    var childrensParents = false
    var parents = false
    /// nil: every generation.
    var parentsDepth: Int?
    var children = false
    var childrenDepth: Int?
    /// nil: the request's mode.
    var indirectSelection: IndirectSelection?

    /// The value as dbt's string-matching methods see it.
    var stringValue: String { value.pythonString }
}

extension SelectionCriterion {
    /// Parses one command-line criterion as dbt's selector pattern does:
    /// `\A(@)?((\d*)\+)?(([\w.]+):)?(.*?)(\+(\d*))?\Z`.
    init(parsing raw: String, origin: String) throws(Diagnostic) {
        // `.` in dbt's pattern does not match a newline, so such a spec is invalid there too.
        guard !raw.contains("\n") else {
            throw .malformedCriterion(raw, origin: origin, problem: "a criterion cannot contain a line break")
        }
        var rest = Substring(raw)
        let childrensParents = rest.first == "@"
        if childrensParents { rest = rest.dropFirst() }

        var parents = false
        var parentsDepth: Int?
        let leadingDigits = rest.prefix(while: \.isSelectorDigit)
        if rest.dropFirst(leadingDigits.count).first == "+" {
            parents = true
            parentsDepth = try Self.depth(String(leadingDigits), spec: raw, origin: origin)
            rest = rest.dropFirst(leadingDigits.count + 1)
        }

        var methodName: String?
        let word = rest.prefix { $0 == "." || $0 == "_" || $0.isLetter || $0.isNumber }
        if !word.isEmpty, rest.dropFirst(word.count).first == ":" {
            methodName = String(word)
            rest = rest.dropFirst(word.count + 1)
        }

        // The value is as short as possible, so a trailing `+digits` is the children operator.
        var children = false
        var childrenDepth: Int?
        if let plus = rest.lastIndex(of: "+") {
            let digits = rest[rest.index(after: plus)...]
            if digits.allSatisfy(\.isSelectorDigit) {
                children = true
                childrenDepth = try Self.depth(String(digits), spec: raw, origin: origin)
                rest = rest[..<plus]
            }
        }
        let value = String(rest)
        let method =
            try methodName.map { name throws(Diagnostic) in
                try SelectionMethod.parse(name, spec: raw, origin: origin)
            }
            ?? SelectionMethod.inferred(from: value)
        self.init(
            raw: raw, origin: origin, method: method, value: .string(value),
            childrensParents: childrensParents,
            parents: parents, parentsDepth: parentsDepth, children: children, childrenDepth: childrenDepth)
        try validateOperators()
    }

    /// Builds a criterion from a YAML mapping with `method` and `value`, and optionally `parents`,
    /// `parents_depth`, `children`, `children_depth`, `childrens_parents` and `indirect_selection`.
    init(definition: ConfigMap, raw: String, origin: String) throws(Diagnostic) {
        let value = definition["value"] ?? .null
        let method: SelectionMethod
        switch definition["method"] {
        case .string(let name)?: method = try SelectionMethod.parse(name, spec: raw, origin: origin)
        case .null?, nil: method = SelectionMethod.inferred(from: value.pythonString)
        case let other?:
            throw .malformedCriterion(
                raw, origin: origin, problem: "'method' must be a method name, not \(other.pythonString)")
        }
        switch (method, value) {
        case (.config, _), (_, .null), (_, .bool), (_, .int), (_, .double), (_, .string): break
        case (_, .list), (_, .map):
            throw .invalidValue(
                raw, origin: origin, problem: "the value must be a single string, not \(value.pythonString)",
                allowed: "only config methods compare with lists or mappings")
        }
        var indirect: IndirectSelection?
        if let mode = definition["indirect_selection"], !mode.isNull {
            guard let parsed = mode.stringValue.flatMap(IndirectSelection.init(rawValue:)) else {
                throw .invalidValue(
                    raw, origin: origin, problem: "'\(mode.pythonString)' is not an indirect selection mode",
                    allowed: "use one of: "
                        + IndirectSelection.allCases.map(\.rawValue).joined(separator: ", "))
            }
            indirect = parsed
        }
        self.init(
            raw: raw, origin: origin, method: method, value: value,
            childrensParents: definition["childrens_parents"]?.isTruthy ?? false,
            parents: definition["parents"]?.isTruthy ?? false,
            parentsDepth: try Self.depth(definition["parents_depth"], spec: raw, origin: origin),
            children: definition["children"]?.isTruthy ?? false,
            childrenDepth: try Self.depth(definition["children_depth"], spec: raw, origin: origin),
            indirectSelection: indirect)
        try validateOperators()
    }

    private func validateOperators() throws(Diagnostic) {
        if children && childrensParents { throw .incompatibleOperators(spec: raw, origin: origin) }
    }

    /// A depth as written after `+`: none means every generation.
    private static func depth(_ digits: String, spec: String, origin: String) throws(Diagnostic) -> Int? {
        if digits.isEmpty { return nil }
        guard let depth = Int(digits) else { throw .badDepth(digits, spec: spec, origin: origin) }
        return depth
    }

    /// A YAML depth. As in dbt, a missing, empty or zero depth means every generation.
    private static func depth(_ value: ConfigValue?, spec: String, origin: String) throws(Diagnostic) -> Int?
    {
        switch value {
        case nil, .null?: return nil
        case .int(let depth)?:
            guard depth >= 0 else { throw .badDepth(String(depth), spec: spec, origin: origin) }
            return depth == 0 ? nil : depth
        case .string(let text)?:
            let trimmed = String(
                text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            if trimmed.isEmpty { return nil }
            guard let depth = Int(trimmed), depth >= 0 else {
                throw .badDepth(text, spec: spec, origin: origin)
            }
            return depth == 0 ? nil : depth
        case let other?:
            throw .badDepth(other.pythonString, spec: spec, origin: origin)
        }
    }
}

extension ConfigValue {
    /// Python's `str()` of the value, which is how dbt compares selector values it did not parse.
    var pythonString: String {
        switch self {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .list(let items): return "[" + items.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .map(let map):
            return "{" + map.map { "'\($0.key)': \($0.value.pythonRepr)" }.joined(separator: ", ") + "}"
        }
    }

    private var pythonRepr: String {
        if case .string(let s) = self { return "'\(s)'" }
        return pythonString
    }
}

extension Character {
    /// `0`-`9`, the digits of a graph depth.
    fileprivate var isSelectorDigit: Bool { isASCII && isWholeNumber }
}
