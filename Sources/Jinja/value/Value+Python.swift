import BigInt
import PythonRepr

/// Python's `str()`, `repr()`, truthiness, equality and ordering for Jinja values.
extension Value {
    /// Python's `str(value)`: what `{{ value }}` prints. Undefined prints as the empty string.
    public var pyStr: String {
        switch self {
        case .string(let s): return s
        case .undefined: return ""
        case .object(let object): return object.pyStr
        default: return pyRepr
        }
    }

    /// Python's `repr(value)`: how the value prints inside a list or dict.
    public var pyRepr: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .bigInt(let b): return b.description
        case .float(let d): return pyFloatRepr(d)
        case .string(let s): return pyStringRepr(s)
        case .list(let list):
            return "[" + list.items.map(\.pyRepr).joined(separator: ", ") + "]"
        case .tuple(let items):
            if items.count == 1 { return "(" + items[0].pyRepr + ",)" }
            return "(" + items.map(\.pyRepr).joined(separator: ", ") + ")"
        case .dict(let dict):
            return "{" + dict.pairs.map { "\($0.0.pyRepr): \($0.1.pyRepr)" }.joined(separator: ", ") + "}"
        case .callable(let callable): return callable.pyRepr
        case .object(let object): return object.pyRepr
        }
    }

    /// Python truthiness.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .bigInt(let b): return !b.isZero
        case .float(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let list): return !list.items.isEmpty
        case .tuple(let items): return !items.isEmpty
        case .dict(let dict): return dict.count > 0
        case .callable: return true
        case .object(let object): return object.isTruthy
        }
    }

    /// The name Python gives the value's type (`int`, `str`, `dict`...), used in error messages.
    public var typeName: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .callable(let callable): return callable.typeName
        case .object(let object): return object.typeName
        }
    }

    /// Jinja2's `object_type_repr`: `'dict object'`, or `'None'` for None.
    public var objectTypeRepr: String {
        if case .none = self { return "None" }
        return "\(typeName) object"
    }

    /// Python `==`, including `1 == 1.0 == True` and element-wise comparison of containers.
    public func pyEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.undefined, .undefined): return true
        case (.none, .none): return true
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            return a === b
                || (a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { $0.pyEquals($1) })
        case (.tuple(let a), .tuple(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.pyEquals($1) }
        case (.dict(let a), .dict(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.pairs {
                guard let otherValue = b[key], value.pyEquals(otherValue) else { return false }
            }
            return true
        case (.callable(let a), .callable(let b)): return a === b
        case (.object, _), (_, .object): return Value.objectEquals(self, other)
        default:
            if let a = self.numeric, let b = other.numeric { return Numeric.compare(a, b) == 0 }
            return false
        }
    }

    /// Python ordering (`<`): numbers with numbers, strings with strings, sequences element-wise.
    /// Returns nil where Python raises `TypeError`.
    public func pyCompare(_ other: Value) -> Int? {
        switch (self, other) {
        case (.string(let a), .string(let b)):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
                ? -1 : (a == b ? 0 : 1)
        case (.list(let a), .list(let b)): return Value.compareSequences(a.items, b.items)
        case (.tuple(let a), .tuple(let b)): return Value.compareSequences(a, b)
        case (.object(let object), _): return object.compare(to: other)
        case (_, .object(let object)): return object.compare(to: self).map { -$0 }
        default:
            if let a = self.numeric, let b = other.numeric { return Numeric.compare(a, b) }
            return nil
        }
    }

    /// Python tries `a.__eq__(b)`, then `b.__eq__(a)`, then identity.
    private static func objectEquals(_ a: Value, _ b: Value) -> Bool {
        if case .object(let object) = a, let equal = object.isEqual(to: b) { return equal }
        if case .object(let object) = b, let equal = object.isEqual(to: a) { return equal }
        if case .object(let x) = a, case .object(let y) = b { return x === y }
        return false
    }

    private static func compareSequences(_ a: [Value], _ b: [Value]) -> Int? {
        for (x, y) in zip(a, b) where !x.pyEquals(y) {
            return x.pyCompare(y)
        }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }
}

/// Python's `repr()` of a float, `nan` and `inf` included.
public func pyFloatRepr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.pythonRepr
}

/// Python's `repr()` of a str: single quotes unless the text has a single quote and no double one.
public func pyStringRepr(_ s: String) -> String {
    if let quote = plainReprQuote(s) { return quote == UInt8(ascii: "'") ? "'\(s)'" : "\"\(s)\"" }
    let quote: Character = (s.unicodeScalars.contains("'") && !s.unicodeScalars.contains("\"")) ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if Character(scalar) == quote {
                out += "\\" + String(quote)
            } else if scalar.isPythonPrintable {
                out.unicodeScalars.append(scalar)
            } else {
                out += pyHexEscape(scalar)
            }
        }
    }
    out.append(quote)
    return out
}

/// `pyStringRepr(s)` appended to UTF-8 bytes being written.
public func pyStringRepr(_ s: String, appendingTo bytes: inout [UInt8]) {
    guard let quote = plainReprQuote(s) else { return bytes.append(contentsOf: pyStringRepr(s).utf8) }
    bytes.append(quote)
    bytes.append(contentsOf: s.utf8)
    bytes.append(quote)
}

/// The quote `repr()` puts around `s` when that is all it does: printable ASCII without a
/// backslash and not both quotes (test arguments and names are hashed through their reprs,
/// tens of thousands of them in a large project); nil when it escapes something.
private func plainReprQuote(_ s: String) -> UInt8? {
    var hasSingle = false
    var hasDouble = false
    let plain = s.utf8.allSatisfy { byte in
        if byte == UInt8(ascii: "'") { hasSingle = true } else if byte == UInt8(ascii: "\"") { hasDouble = true }
        return byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\")
    }
    guard plain, !(hasSingle && hasDouble) else { return nil }
    return hasSingle ? UInt8(ascii: "\"") : UInt8(ascii: "'")
}

/// Python's escape of one character in `repr()` and `ascii()`: `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
func pyHexEscape(_ scalar: Unicode.Scalar) -> String {
    let (prefix, width) = scalar.value < 0x100 ? ("\\x", 2) : scalar.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
    let digits = String(scalar.value, radix: 16)
    return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

extension Unicode.Scalar {
    /// Python's `str.isprintable()` for one character: not a control, format, surrogate,
    /// private-use, unassigned or separator character, except the ASCII space.
    var isPythonPrintable: Bool {
        if value == 0x20 { return true }
        if value < 0x20 || value == 0x7F { return false }
        if value < 0x7F { return true }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
            .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
