import Jinja

/// Python's `set`, as dbt's `set()` returns it: distinct hashable items, equal to any set with
/// the same items whatever their order (dbt-utils' `equality` test compares column sets so).
/// It iterates and prints its items first seen first, where Python's order follows their hashes
/// (dbt users sort a set or test membership).
final class SetValue: JinjaObject {
    private(set) var items: [Value] = []
    private var keys: Set<HashKey> = []

    /// The set of `items`; throws Python's `TypeError` for an unhashable item.
    init(_ items: [Value]) throws {
        for item in items { try add(item) }
    }

    private func add(_ item: Value) throws {
        guard let key = HashKey(item) else { throw RuntimeFailure.type("unhashable type: '\(item.typeName)'") }
        if keys.insert(key).inserted { items.append(item) }
    }

    private func contains(_ item: Value) -> Bool { HashKey(item).map(keys.contains) ?? false }

    var typeName: String { "set" }
    var pyRepr: String { items.isEmpty ? "set()" : "{" + items.map(\.pyRepr).joined(separator: ", ") + "}" }
    var isTruthy: Bool { !items.isEmpty }
    var length: Int? { items.count }

    func iterate(_ context: CallContext) throws -> [Value]? { items }

    func isEqual(to other: Value) -> Bool? {
        guard case .object(let object) = other, let set = object as? SetValue else { return false }
        return set.keys == keys
    }

    /// `a - b`: the items of `a` not in `b`.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .subtract, !reflected, case .object(let object) = other, let set = object as? SetValue else { return nil }
        return .object(try SetValue(items.filter { !set.contains($0) }))
    }

    /// The methods of Python's `set` a template may call.
    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        func others(_ arguments: Arguments) throws -> [Value] {
            try arguments.positional.flatMap { try $0.iterate(context) }
        }
        switch name {
        case "add":
            return .function("add") { arguments, _ in
                try self.add(arguments.positional.first ?? .none)
                return .none
            }
        case "update":
            return .function("update") { arguments, _ in
                for item in try others(arguments) { try self.add(item) }
                return .none
            }
        case "union":
            return .function("union") { arguments, _ in .object(try SetValue(self.items + others(arguments))) }
        case "intersection":
            return .function("intersection") { arguments, _ in
                let other = try SetValue(try others(arguments))
                return .object(try SetValue(self.items.filter(other.contains)))
            }
        case "difference":
            return .function("difference") { arguments, _ in
                let other = try SetValue(try others(arguments))
                return .object(try SetValue(self.items.filter { !other.contains($0) }))
            }
        case "issubset":
            return .function("issubset") { arguments, _ in
                let other = try SetValue(try others(arguments))
                return .bool(self.items.allSatisfy(other.contains))
            }
        case "issuperset":
            return .function("issuperset") { arguments, _ in .bool(try others(arguments).allSatisfy(self.contains)) }
        case "copy":
            return .function("copy") { _, _ in .object(try SetValue(self.items)) }
        default:
            return nil
        }
    }
}
