import Foundation
import Jinja

/// dbt's `graph` as templates see it: a mapping of `nodes`, `sources`, `exposures`, ... whose
/// members are built when first read (a render that reads `graph.sources` does not build an
/// entry for each of tens of thousands of nodes), once, from whichever thread asks first.
final class GraphObject: JinjaObject, @unchecked Sendable {
    static let memberNames = ["nodes", "sources", "exposures", "metrics", "groups", "semantic_models", "saved_queries"]

    private let lock = NSLock()
    private var built: [String: Value] = [:]
    private let build: (String) -> Value

    /// `build` makes one member's value from its name.
    init(build: @escaping (String) -> Value) { self.build = build }

    var typeName: String { "dict" }
    var isMapping: Bool { true }
    var length: Int? { Self.memberNames.count }
    var pyRepr: String { Value.dict(Self.memberNames.map { ($0, member($0)) }).pyRepr }

    private func member(_ name: String) -> Value {
        lock.withLock {
            if let value = built[name] { return value }
            let value = build(name)
            built[name] = value
            return value
        }
    }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        guard let name = key.stringValue, Self.memberNames.contains(name) else { return nil }
        return member(name)
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        if Self.memberNames.contains(name) { return member(name) }
        switch name {
        case "keys": return .function("keys") { _, _ in .list(Self.memberNames.map(Value.string)) }
        case "values": return .function("values") { _, _ in .list(Self.memberNames.map(self.member)) }
        case "items":
            return .function("items") { _, _ in .list(Self.memberNames.map { .tuple([.string($0), self.member($0)]) }) }
        case "get":
            return .function("get") { arguments, context in
                let bound = try arguments.bind(["key", "default"], defaults: ["default": .none], function: "get")
                return try self.item(bound["key"], context) ?? bound["default"]
            }
        default: return nil
        }
    }

    func iterate(_ context: CallContext) throws -> [Value]? { Self.memberNames.map(Value.string) }
}
