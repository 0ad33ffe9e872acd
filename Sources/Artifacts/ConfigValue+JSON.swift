import ProjectModel

extension ConfigValue {
    /// The value as written, keys in their order.
    public var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .string(let string): return .string(string)
        case .list(let items): return .array(items.map(\.json))
        case .map(let map): return .object(map.json)
        }
    }

    /// A value read back from an artifact (`args.vars` of run_results.json, which `weir retry`
    /// replays), keys in their order.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let string): self = .string(string)
        case .array(let items): self = .list(items.map(ConfigValue.init(json:)))
        case .object(let object): self = .map(ConfigMap(json: object))
        }
    }
}

extension ConfigMap {
    /// The map as written, keys in their order.
    public var json: JSONObject {
        var object = JSONObject()
        for (key, value) in self { object[key] = value.json }
        return object
    }

    /// A map read back from an artifact, keys in their order.
    public init(json: JSONObject) {
        self.init(json.map { ($0.key, ConfigValue(json: $0.value)) })
    }
}
