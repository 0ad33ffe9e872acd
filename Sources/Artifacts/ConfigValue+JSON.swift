import ProjectModel

extension ConfigValue {
    /// The value as written, keys in their order.
    var json: JSONValue {
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
}

extension ConfigMap {
    /// The map as written, keys in their order.
    var json: JSONObject {
        var object = JSONObject()
        for (key, value) in self { object[key] = value.json }
        return object
    }
}
