/// Attribute access, item access, iteration and length with Jinja2's sandboxed semantics.
extension Value {
    /// `obj.name`: a Python attribute (a method of str/list/dict, a host object's attribute)
    /// first, then the item `obj['name']`, else undefined, as Jinja2's `getattr` does.
    public func attribute(_ name: String, _ context: CallContext) throws -> Value {
        switch self {
        case .undefined(let undefined):
            throw RuntimeFailure.undefined(undefined.message)
        case .object(let object):
            if let value = try object.attribute(name, context) { return value }
            if let value = try object.item(.string(name), context) { return value }
        case .callable(let callable):
            if let value = callable.attribute(name) { return value }
        default:
            // A dict's own keys come before the sandbox's refusal: Python's getattr fails for
            // `d._k`, so Jinja2 falls back to the item.
            if case .dict(let dict) = self, name.hasPrefix("_"), let value = dict[string: name] {
                return value
            }
            if name.hasPrefix("_") {
                // The sandbox hides private and dunder attributes; Jinja2 turns them into an
                // undefined that explains why.
                return unsafeAttribute(name)
            }
            if let method = PythonMethods.method(on: self, named: name) { return method }
            if case .dict(let dict) = self, let value = dict[string: name] { return value }
        }
        return .undefined(Undefined(.attribute(owner: objectTypeRepr, name: name)))
    }

    /// `obj[key]`: the item first, then (for string keys) the attribute, else undefined.
    public func item(_ key: Value, _ context: CallContext) throws -> Value {
        switch self {
        case .undefined(let undefined):
            throw RuntimeFailure.undefined(undefined.message)
        case .dict(let dict):
            if let value = dict[key] { return value }
        case .list(let list):
            if let value = Value.index(list.items, key) { return value }
        case .tuple(let items):
            if let value = Value.index(items, key) { return value }
        case .string(let s):
            if let index = key.intValue {
                let scalars = Array(s.unicodeScalars)
                let position = index < 0 ? index + scalars.count : index
                if position >= 0 && position < scalars.count { return .string(String(scalars[position])) }
            }
        case .object(let object):
            if let value = try object.item(key, context) { return value }
            if case .string(let name) = key, let value = try object.attribute(name, context) { return value }
            return .undefined(Undefined(.attribute(owner: objectTypeRepr, name: key.pyStr)))
        default:
            break
        }
        if case .string(let name) = key {
            if name.hasPrefix("_") {
                return unsafeAttribute(name)
            }
            if let method = PythonMethods.method(on: self, named: name) { return method }
            return .undefined(Undefined(.attribute(owner: objectTypeRepr, name: name)))
        }
        return .undefined(Undefined(.element(owner: typeName, key: key.pyRepr)))
    }

    private static func index(_ items: [Value], _ key: Value) -> Value? {
        guard let index = key.intValue else { return nil }
        let position = index < 0 ? index + items.count : index
        guard position >= 0 && position < items.count else { return nil }
        return items[position]
    }

    /// The values `for x in value` visits: list and tuple items, dict keys, string characters.
    /// Undefined iterates as empty (strict mode is checked by the renderer).
    public func iterate(_ context: CallContext) throws -> [Value] {
        switch self {
        case .undefined: return []
        case .list(let list): return list.items
        case .tuple(let items): return items
        case .dict(let dict): return dict.keys
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .object(let object):
            if let items = try object.iterate(context) { return items }
        default: break
        }
        throw RuntimeFailure.type("'\(typeName)' object is not iterable")
    }

    /// Python's `len()`; nil where Python raises `TypeError`.
    public var length: Int? {
        switch self {
        case .undefined: return 0
        case .string(let s): return s.unicodeScalars.count
        case .list(let list): return list.items.count
        case .tuple(let items): return items.count
        case .dict(let dict): return dict.count
        case .object(let object): return object.length
        default: return nil
        }
    }

    /// What the sandbox gives for `_private` attributes: an undefined value that says why.
    private func unsafeAttribute(_ name: String) -> Value {
        .undefined(Undefined(.hint("access to attribute '\(name)' of '\(typeName)' object is unsafe.")))
    }
}
