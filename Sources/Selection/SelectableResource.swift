import ProjectModel

/// A node, source, exposure, unit test or semantic-layer resource of the manifest, seen through
/// what selector methods look at.
enum SelectableResource: Sendable {
    case node(ManifestNode)
    case source(SourceDefinition)
    case exposure(Exposure)
    case unitTest(UnitTestDefinition)
    /// A semantic model, metric or saved query.
    case semantic(SemanticResource)

    var uniqueID: String {
        switch self {
        case .node(let node): return node.uniqueID
        case .source(let source): return source.uniqueID
        case .exposure(let exposure): return exposure.uniqueID
        case .unitTest(let test): return test.uniqueID
        case .semantic(let resource): return resource.uniqueID
        }
    }

    var resourceType: ResourceType {
        switch self {
        case .node(let node): return node.resourceType
        case .source: return .source
        case .exposure: return .exposure
        case .unitTest: return .unitTest
        case .semantic(let resource): return resource.resourceType
        }
    }

    var packageName: String {
        switch self {
        case .node(let node): return node.packageName
        case .source(let source): return source.packageName
        case .exposure(let exposure): return exposure.packageName
        case .unitTest(let test): return test.packageName
        case .semantic(let resource): return resource.packageName
        }
    }

    var originalFilePath: String {
        switch self {
        case .node(let node): return node.originalFilePath
        case .source(let source): return source.originalFilePath
        case .exposure(let exposure): return exposure.originalFilePath
        case .unitTest(let test): return test.originalFilePath
        case .semantic(let resource): return resource.originalFilePath
        }
    }

    /// The YAML file whose properties apply to a node, without its `package://` prefix.
    var patchFilePath: String? {
        guard case .node(let node) = self, let patchPath = node.patchPath else { return nil }
        guard let separator = patchPath.firstRange(of: "://") else { return patchPath }
        return String(patchPath[separator.upperBound...])
    }

    var fqn: [String] {
        switch self {
        case .node(let node): return node.fqn
        case .source(let source): return source.fqn
        case .exposure(let exposure): return exposure.fqn
        case .unitTest(let test): return test.fqn
        case .semantic(let resource): return resource.fqn
        }
    }

    var tags: [String] {
        switch self {
        case .node(let node): return node.tags
        case .source(let source): return source.tags
        case .exposure(let exposure): return exposure.tags
        case .unitTest(let test): return test.tags
        case .semantic(let resource): return resource.tags
        }
    }

    var isEnabled: Bool {
        switch self {
        case .node(let node): return node.isEnabled
        case .source(let source): return source.isEnabled
        case .exposure(let exposure): return exposure.config["enabled"]?.isTruthy ?? true
        case .unitTest(let test): return test.isEnabled
        case .semantic(let resource): return resource.isEnabled
        }
    }

    /// The nodes it depends on, as graph edges. Seeds have none, whatever they record: dbt never
    /// draws an edge into a seed.
    var parentIDs: [String] {
        switch self {
        case .node(let node): return node.resourceType == .seed ? [] : node.dependsOn.nodes
        case .source: return []
        case .exposure(let exposure): return exposure.dependsOn.nodes
        case .unitTest(let test): return test.dependsOnNodes
        case .semantic(let resource): return resource.dependsOnNodes
        }
    }

    /// Whether dbt would skip it as empty: a file with nothing but whitespace. Seeds are never
    /// empty, and neither are generic tests (their code is generated).
    var isEmpty: Bool {
        guard case .node(let node) = self, node.resourceType != .seed else { return false }
        // Nearly all code starts with a visible ASCII character: answered from the first byte
        // (this runs for every node of every invocation).
        if let first = node.rawCode.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) {
            return false
        }
        return node.testMetadata == nil && node.rawCode.allSatisfy(\.isWhitespace)
    }
}
