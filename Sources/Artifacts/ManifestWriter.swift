import Checksums
import Foundation
import Parallelism
import ProjectModel

/// Writes a `Manifest` as dbt's `manifest.json` (schema v12, as dbt-core 1.11 writes it): every
/// field of every resource, dbt's defaults filled in under what the project set, keys in dbt's
/// order, maps of resources sorted by unique id. Deterministic: the same manifest and writer
/// give the same bytes, because every time and id comes from the writer's inputs.
///
///     let writer = ManifestWriter(metadata: ArtifactMetadata(
///         dbtVersion: "1.11.0", generatedAt: Date(), invocationID: invocationID))
///     try writer.document(for: manifest).write(to: targetURL.appendingPathComponent("manifest.json"))
public struct ManifestWriter: Sendable {
    public static let schemaVersion = "https://schemas.getdbt.com/dbt/manifest/v12.json"

    public let metadata: ArtifactMetadata
    /// `user_id`: the anonymous tracking id (a UUID), or `nil` as when tracking is off.
    public var userID: String?
    public var sendAnonymousUsageStats: Bool
    /// `run_started_at`, written timezone-aware, or `null`.
    public var runStartedAt: Date?
    /// The `created_at` of every resource. dbt stamps each with its parse time; one time (by
    /// default `generatedAt`) keeps the output a function of the inputs.
    public let createdAt: Date?
    /// Each package's root directory by package name, for seeds' `root_path` (`null` if absent).
    public var packageRoots: [String: String]

    public init(
        metadata: ArtifactMetadata, userID: String? = nil, sendAnonymousUsageStats: Bool = false,
        runStartedAt: Date? = nil, createdAt: Date? = nil, packageRoots: [String: String] = [:]
    ) {
        self.metadata = metadata
        self.userID = userID
        self.sendAnonymousUsageStats = sendAnonymousUsageStats
        self.runStartedAt = runStartedAt
        self.createdAt = createdAt
        self.packageRoots = packageRoots
        var written: [UInt8] = []
        JSONValue.write(.double((createdAt ?? metadata.generatedAt).timeIntervalSince1970), to: &written)
        createdAtText = written
    }

    /// `createdAtValue` as written, formatted once for the tens of thousands of nodes.
    let createdAtText: [UInt8]

    /// `manifest.json` as a value, keys in the order dbt writes them.
    public func document(for manifest: Manifest) -> JSONValue {
        var root = JSONObject()
        for (key, member) in topLevel(manifest) {
            switch member {
            case .value(let value): root[key] = value
            case .resources(let count, _, let member, _):
                root[key] = .object(JSONObject(distinctMembers: (0..<count).concurrentMap(member)))
            }
        }
        return .object(root)
    }

    /// `document(for:).serializedBytes()`, without building the whole document: the resources
    /// of each large map are built, written and dropped in turn, on all cores.
    public func serializedBytes(for manifest: Manifest) -> [UInt8] {
        var bytes: [UInt8] = []
        // (Appending cannot throw.)
        _ = try? write(manifest, recordingRanges: false) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands `serializedBytes(for:)` to `output` as pieces to write one after the other: the
    /// large maps in the chunks they are written in on all cores, each as soon as it and those
    /// before it are done (so the output is written while the rest is serialized, and no copy
    /// of the 150 MB of a large project's manifest is ever whole in memory). Returns, when
    /// `recordingRanges`, where in the whole text the `metadata` object and each member of
    /// `nodes` (`"<unique id>": {...}`) lie: what a later invocation needs to replace one node's
    /// entry and the metadata without writing the rest again. Stops at `output`'s first error.
    public func write(
        _ manifest: Manifest, recordingRanges: Bool, to output: (_ piece: [UInt8]) throws -> Void
    ) throws -> ManifestLayout {
        var written = 0
        func emit(_ piece: [UInt8]) throws {
            try output(piece)
            written += piece.count
        }
        var pending: [UInt8] = [UInt8(ascii: "{")]
        var layout = ManifestLayout()
        for (position, (key, member)) in topLevel(manifest).enumerated() {
            if position > 0 { pending.append(literal: ", ") }
            JSONValue.writeString(key, to: &pending)
            pending.append(literal: ": ")
            let start = written + pending.count
            switch member {
            case .value(let value): JSONValue.write(value, to: &pending)
            case .resources(let count, let offsetAt, _, let writeMember):
                let recording = recordingRanges && key == "nodes"
                pending.append(UInt8(ascii: "{"))
                try emit(pending)
                pending = []
                var ranges: [Range<Int>] = []
                try JSONValue.writeMemberChunks(count: count, recordingRanges: recording, writeMember: writeMember) {
                    bytes, chunkRanges in
                    ranges.append(contentsOf: chunkRanges.map { ($0.lowerBound + written)..<($0.upperBound + written) })
                    try emit(bytes)
                }
                if recording {
                    layout.nodeEntries = Array(repeating: 0..<0, count: count)
                    for (position, range) in ranges.enumerated() { layout.nodeEntries[offsetAt(position)] = range }
                }
                pending.append(UInt8(ascii: "}"))
            }
            if key == "metadata" { layout.metadata = start..<(written + pending.count) }
        }
        pending.append(UInt8(ascii: "}"))
        try emit(pending)
        return layout
    }

    /// The bytes of the manifest's `metadata` object, as `serializedBytes` writes it.
    public func metadataBytes(for manifest: Manifest) -> [UInt8] {
        var output: [UInt8] = []
        JSONValue.write(.object(metadataObject(manifest)), to: &output)
        return output
    }

    /// The bytes of one member of `nodes`, `"<unique id>": {...}`, as `serializedBytes` writes it.
    public func nodeMemberBytes(_ node: ManifestNode) -> [UInt8] {
        var output: [UInt8] = []
        JSONValue.writeString(node.uniqueID, to: &output)
        output.append(literal: ": ")
        writeNode(node, to: &output)
        return output
    }

    /// `manifest.json`'s text, as `document(for:).serialized()`.
    public func serialized(_ manifest: Manifest) -> String {
        String(decoding: serializedBytes(for: manifest), as: UTF8.self)
    }

    /// A top-level member of the manifest: a value, or a map of resources built one at a time.
    enum TopLevelMember {
        case value(JSONValue)
        /// How many members, where each one (by position in key order) is in the map's own order,
        /// and each one built or written as `"key": value` (both safe to call concurrently).
        case resources(
            count: Int, offset: (Int) -> Int, member: (Int) -> (key: String, value: JSONValue),
            write: (Int, inout [UInt8]) -> Void)
    }

    /// The top level in the order dbt writes it.
    func topLevel(_ manifest: Manifest) -> [(key: String, member: TopLevelMember)] {
        // The three largest maps are sorted at once (each has an entry per node); the edge maps
        // share their keys.
        let sorted = [0, 1].concurrentMap(minimumCount: 1) { map -> [TopLevelMember] in
            switch map {
            case 0: return [resources(manifest.nodes, nodeObject, write: writeNode)]
            default: return edgeMaps(manifest)
            }
        }
        return [
            ("metadata", .value(.object(metadataObject(manifest)))),
            ("nodes", sorted[0][0]),
            ("sources", resources(manifest.sources, sourceObject)),
            ("macros", resources(manifest.macros, macroObject)),
            ("docs", resources(manifest.docs, docObject)),
            ("exposures", resources(manifest.exposures, exposureObject)),
            ("metrics", semanticResources(manifest, .metric)),
            ("groups", resources(manifest.groups, groupObject)),
            ("selectors", .value(.object(manifest.selectors.json))),
            ("disabled", disabledMember(manifest)),
            ("parent_map", sorted[1][0]),
            ("child_map", sorted[1][1]),
            ("group_map", edgeMap(manifest.groupMap)),
            ("saved_queries", semanticResources(manifest, .savedQuery)),
            ("semantic_models", semanticResources(manifest, .semanticModel)),
            ("unit_tests", resources(manifest.unitTests, unitTestObject)),
            ("functions", .value([:])),
        ]
    }

    /// `ManifestMetadata`: the shared artifact fields, then the project's.
    func metadataObject(_ manifest: Manifest) -> JSONObject {
        var object = metadata.jsonObject(schemaVersion: Self.schemaVersion)
        object["project_name"] = .string(manifest.projectName)
        // dbt's `Project.hashed_name()`: md5 of the name's UTF-8.
        object["project_id"] = .string(MD5.hash(manifest.projectName).hex)
        object["user_id"] = .string(userID)
        object["send_anonymous_usage_stats"] = .bool(sendAnonymousUsageStats)
        object["adapter_type"] = .string(manifest.adapterType)
        object["quoting"] = .object(ConfigShape.quoting.apply(manifest.quoting))
        object["run_started_at"] =
            runStartedAt.map { .string($0.pythonISOFormat(utcSuffix: "+00:00")) } ?? .null
        return object
    }

    /// `created_at`: seconds since 1970 as a float, as Python's `time.time()`.
    var createdAtValue: JSONValue {
        .double((createdAt ?? metadata.generatedAt).timeIntervalSince1970)
    }

    /// A map of resources as an object sorted by key (Python's code-point order), each value
    /// `encode`d, or written by `write` (what `encode` gives, written without building it).
    func resources<Value>(
        _ map: [String: Value], _ encode: @escaping (Value) -> JSONValue,
        write: ((Value, inout [UInt8]) -> Void)? = nil
    ) -> TopLevelMember {
        let indices = Array(map.indices)
        let offsets = codePointSortedPositions(map.keys)
        let order = offsets.map { indices[$0] }
        let write = write ?? { value, output in JSONValue.write(encode(value), to: &output) }
        return .resources(
            count: order.count, offset: { offsets[$0] },
            member: { position in
                let (key, value) = map[order[position]]
                return (key, encode(value))
            },
            write: { position, output in
                let (key, value) = map[order[position]]
                JSONValue.writeString(key, to: &output)
                output.append(literal: ": ")
                write(value, &output)
            })
    }

    /// The semantic models, metrics or saved queries.
    private func semanticResources(_ manifest: Manifest, _ type: ResourceType) -> TopLevelMember {
        resources(manifest.semanticResources.filter { $0.value.resourceType == type }, semanticObject)
    }

    /// `disabled`: the disabled nodes, and the disabled sources, unit tests, semantic models,
    /// metrics and saved queries (by their own ids).
    private func disabledMember(_ manifest: Manifest) -> TopLevelMember {
        guard !manifest.disabledSources.isEmpty || !manifest.disabledUnitTests.isEmpty
            || !manifest.disabledSemanticResources.isEmpty
        else {
            return resources(manifest.disabled) { nodes in .array(nodes.map(nodeObject)) }
        }
        var entries = manifest.disabled.mapValues { nodes in nodes.map(nodeObject) }
        for (id, source) in manifest.disabledSources { entries[id, default: []].append(sourceObject(source)) }
        for (id, test) in manifest.disabledUnitTests { entries[id, default: []].append(unitTestObject(test)) }
        for (id, resource) in manifest.disabledSemanticResources { entries[id, default: []].append(semanticObject(resource)) }
        return resources(entries) { .array($0) }
    }

    /// `group_map`: sorted keys, each list sorted as dbt's `_sort_values` does.
    func edgeMap(_ map: [String: [String]]) -> TopLevelMember {
        resources(map) { ids in .strings(ids.sorted(by: codePointOrder)) }
    }

    /// `parent_map` and `child_map`, written from the manifest as it is: every node, source and
    /// exposure, sorted once for both, to the nodes and sources it depends on and to what
    /// depends on it, each list sorted as `edgeMap`'s. The parent lists are gathered with the
    /// ids, so that writing looks nothing up.
    func edgeMaps(_ manifest: Manifest) -> [TopLevelMember] {
        let count = manifest.nodes.count + manifest.sources.count + manifest.exposures.count + manifest.unitTests.count
            + manifest.semanticResources.count
        var ids: [String] = []
        var parents: [[String]] = []
        ids.reserveCapacity(count)
        parents.reserveCapacity(count)
        for (id, node) in manifest.nodes {
            ids.append(id)
            parents.append(node.dependsOn.nodes)
        }
        for id in manifest.sources.keys {
            ids.append(id)
            parents.append([])
        }
        for (id, exposure) in manifest.exposures {
            ids.append(id)
            parents.append(exposure.dependsOn.nodes)
        }
        for (id, test) in manifest.unitTests {
            ids.append(id)
            parents.append(test.dependsOnNodes)
        }
        for (id, resource) in manifest.semanticResources {
            ids.append(id)
            parents.append(resource.dependsOnNodes)
        }
        var children: [String: [String]] = [:]
        for (id, dependencies) in zip(ids, parents) {
            for parent in dependencies { children[parent, default: []].append(id) }
        }
        let order = codePointSortedPositions(ids)
        let sortedIDs = order.map { ids[$0] }
        let sortedParents = order.map { parents[$0] }
        // A parent that is none of these (none that Weir resolves) is a key of `child_map` too.
        let others = children.keys.filter {
            manifest.nodes[$0] == nil && manifest.sources[$0] == nil && manifest.exposures[$0] == nil
                && manifest.unitTests[$0] == nil && manifest.semanticResources[$0] == nil
        }
        let childIDs = others.isEmpty ? sortedIDs : (ids + others).sortedByCodePoint()
        return [edgeMap(sortedIDs) { sortedParents[$0] }, edgeMap(childIDs) { children[childIDs[$0]] ?? [] }]
    }

    /// An edge map over `ids` (sorted), each to its `edges` (by position) sorted.
    private func edgeMap(_ ids: [String], _ edges: @escaping (Int) -> [String]) -> TopLevelMember {
        func sorted(_ list: [String]) -> [String] { list.count > 1 ? list.sorted(by: codePointOrder) : list }
        return .resources(
            count: ids.count, offset: { $0 },
            member: { position in (ids[position], .strings(sorted(edges(position)))) },
            write: { position, output in
                JSONValue.writeString(ids[position], to: &output)
                output.append(literal: ": [")
                for (offset, id) in sorted(edges(position)).enumerated() {
                    if offset > 0 { output.append(literal: ", ") }
                    JSONValue.writeString(id, to: &output)
                }
                output.append(UInt8(ascii: "]"))
            })
    }
}

/// Where parts of a written manifest lie in its bytes.
public struct ManifestLayout: Sendable, Equatable {
    /// The `metadata` object.
    public var metadata: Range<Int> = 0..<0
    /// Each member of `nodes`, `"<unique id>": {...}`, in the order of the manifest's map of
    /// nodes (`manifest.nodes.values`' order, not the file's): taken by position, nothing is
    /// hashed for the tens of thousands of nodes.
    public var nodeEntries: [Range<Int>] = []

    public init(metadata: Range<Int> = 0..<0, nodeEntries: [Range<Int>] = []) {
        self.metadata = metadata
        self.nodeEntries = nodeEntries
    }
}
