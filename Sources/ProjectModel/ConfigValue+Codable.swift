/// Config values are stored between runs (the parse cache) and must come back exactly: an
/// integer stays an integer and a float a float, which plain JSON numbers would not promise,
/// so each value is written as its kind followed by its payload.
extension ConfigValue: Codable {
    private enum Kind: String, Codable {
        case null = "n", bool = "b", int = "i", double = "d", string = "s", list = "l", map = "m"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        switch self {
        case .null: try container.encode(Kind.null)
        case .bool(let value): try container.encode(Kind.bool); try container.encode(value)
        case .int(let value): try container.encode(Kind.int); try container.encode(value)
        case .double(let value): try container.encode(Kind.double); try container.encode(value)
        case .string(let value): try container.encode(Kind.string); try container.encode(value)
        case .list(let value): try container.encode(Kind.list); try container.encode(value)
        case .map(let value): try container.encode(Kind.map); try container.encode(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        switch try container.decode(Kind.self) {
        case .null: self = .null
        case .bool: self = .bool(try container.decode(Bool.self))
        case .int: self = .int(try container.decode(Int.self))
        case .double: self = .double(try container.decode(Double.self))
        case .string: self = .string(try container.decode(String.self))
        case .list: self = .list(try container.decode([ConfigValue].self))
        case .map: self = .map(try container.decode(ConfigMap.self))
        }
    }
}

/// A map is written as alternating keys and values, which keeps its order.
extension ConfigMap: Codable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for (key, value) in self {
            try container.encode(key)
            try container.encode(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init()
        while !container.isAtEnd {
            let key = try container.decode(String.self)
            self[key] = try container.decode(ConfigValue.self)
        }
    }
}
