import Checksums
import Foundation
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

    public var metadata: ArtifactMetadata
    /// `user_id`: the anonymous tracking id (a UUID), or `nil` as when tracking is off.
    public var userID: String?
    public var sendAnonymousUsageStats: Bool
    /// `run_started_at`, written timezone-aware, or `null`.
    public var runStartedAt: Date?
    /// The `created_at` of every resource. dbt stamps each with its parse time; one time (by
    /// default `generatedAt`) keeps the output a function of the inputs.
    public var createdAt: Date?
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
    }

    /// `manifest.json` as a value, keys in the order dbt writes them.
    public func document(for manifest: Manifest) -> JSONValue {
        var root = JSONObject()
        root["metadata"] = .object(metadataObject(manifest))
        root["nodes"] = sortedObject(manifest.nodes, nodeObject)
        root["sources"] = sortedObject(manifest.sources, sourceObject)
        root["macros"] = sortedObject(manifest.macros, macroObject)
        root["docs"] = sortedObject(manifest.docs, docObject)
        root["exposures"] = sortedObject(manifest.exposures, exposureObject)
        root["metrics"] = [:]
        root["groups"] = [:]
        root["selectors"] = .object(manifest.selectors.json)
        root["disabled"] = sortedObject(manifest.disabled) { nodes in .array(nodes.map(nodeObject)) }
        root["parent_map"] = edgeMap(manifest.parentMap)
        root["child_map"] = edgeMap(manifest.childMap)
        root["group_map"] = [:]
        root["saved_queries"] = [:]
        root["semantic_models"] = [:]
        root["unit_tests"] = [:]
        root["functions"] = [:]
        return .object(root)
    }

    /// `manifest.json`'s text, as `document(for:).serialized()`.
    public func serialized(_ manifest: Manifest) -> String {
        document(for: manifest).serialized()
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

    /// A map of resources as an object sorted by key (Python's code-point order).
    func sortedObject<Value>(_ map: [String: Value], _ encode: (Value) -> JSONValue) -> JSONValue {
        var object = JSONObject()
        for key in map.keys.sorted(by: codePointOrder) {
            if let value = map[key] { object[key] = encode(value) }
        }
        return .object(object)
    }

    /// `parent_map`/`child_map`: sorted keys, each list sorted as dbt's `_sort_values` does.
    func edgeMap(_ map: [String: [String]]) -> JSONValue {
        sortedObject(map) { ids in .strings(ids.sorted(by: codePointOrder)) }
    }
}
