/// A `ref()` as written: `ref('name')`, `ref('package', 'name')`, `ref('name', v=2)`.
public struct RefCall: Sendable, Hashable, Codable {
    public var package: String?
    public var name: String
    public var version: ConfigValue?

    public init(package: String? = nil, name: String, version: ConfigValue? = nil) {
        self.package = package
        self.name = name
        self.version = version
    }

    /// How a user would write it back, for messages.
    public var description: String {
        var parts = [package, name].compactMap { $0 }.map { "'\($0)'" }
        if let version {
            switch version {
            case .string(let s): parts.append("v='\(s)'")
            case .int(let i): parts.append("v=\(i)")
            default: parts.append("v=\(version)")
            }
        }
        return "ref(\(parts.joined(separator: ", ")))"
    }
}

/// A `source()` as written: `source('source_name', 'table_name')`.
public struct SourceCall: Sendable, Hashable, Codable {
    public var sourceName: String
    public var tableName: String

    public init(sourceName: String, tableName: String) {
        self.sourceName = sourceName
        self.tableName = tableName
    }
}

/// What a node depends on, as the manifest's `depends_on`.
public struct DependsOn: Sendable, Hashable {
    public var macros: [String] = []
    public var nodes: [String] = []

    public init(macros: [String] = [], nodes: [String] = []) {
        self.macros = macros
        self.nodes = nodes
    }

    mutating func addNode(_ id: String) { if !nodes.contains(id) { nodes.append(id) } }
}

/// A model version as dbt writes it in names and ids (`2`, `1.5`, `beta`): an integral number
/// without its `.0`.
public func versionText(_ value: ConfigValue) -> String {
    switch value {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .double(let d): return d == d.rounded() ? String(Int(d)) : String(d)
    default: return ""
    }
}
