import Foundation
import ProjectModel
import Testing

@testable import Artifacts

/// Checks the config shapes against what dbt-core 1.11 really wrote for the reference projects
/// in `Tests/WorkspaceTests/Fixtures/expected/*/manifest.json` (see that folder's README): for
/// each resource type, the config keys every node of that type has must be exactly the keys the
/// writer fills for a node that sets nothing (user keys such as `sort_columns` appear on some
/// nodes only, so they drop out of the intersection).
@Suite struct DbtReferenceTests {
    static let expected = Python.repositoryRoot.appendingPathComponent(
        "Tests/WorkspaceTests/Fixtures/expected")

    static func referenceConfigKeys() throws -> [String: Set<String>] {
        let projects = try FileManager.default.contentsOfDirectory(atPath: expected.path)
        var keys: [String: Set<String>] = [:]
        for project in projects.sorted() {
            let file = expected.appendingPathComponent(project).appendingPathComponent("manifest.json")
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            var resources: [[String: Any]] = []
            for section in ["nodes", "sources", "exposures", "unit_tests"] {
                resources += ((manifest[section] as? [String: [String: Any]]) ?? [:]).values
            }
            for variants in ((manifest["disabled"] as? [String: [[String: Any]]]) ?? [:]).values {
                resources += variants
            }
            for resource in resources {
                guard let type = resource["resource_type"] as? String,
                    let config = resource["config"] as? [String: Any]
                else { continue }
                let configKeys = Set(config.keys)
                keys[type] = keys[type].map { $0.intersection(configKeys) } ?? configKeys
            }
        }
        return keys
    }

    @Test func configKeysMatchWhatDbtWrote() throws {
        let reference = try Self.referenceConfigKeys()
        #expect(Set(reference.keys).isSuperset(of: ["model", "seed", "test", "snapshot", "source", "unit_test"]))
        let writer = ManifestFixture.writer
        for (type, keys) in reference.sorted(by: { $0.key < $1.key }) {
            let ours: JSONObject?
            switch type {
            // Their configs are made whole by the compiler (CompileConformanceTests compares them).
            case "semantic_model", "metric", "saved_query": continue
            case "source": ours = writer.sourceObject(ManifestFixture.rawUsers())["config"]?.objectValue
            case "exposure":
                ours = writer.exposureObject(ManifestFixture.weeklyDashboard())["config"]?.objectValue
            case "unit_test":
                let bare = UnitTestDefinition(
                    uniqueID: "unit_test.p.m.t", name: "t", model: "m", packageName: "p", path: "u.yml",
                    originalFilePath: "models/u.yml", fqn: ["p", "m", "t"])
                ours = writer.unitTestObject(bare)["config"]?.objectValue
            default:
                let resourceType = try #require(ResourceType(rawValue: type))
                ours =
                    writer.nodeObject(ManifestFixture.node(resourceType, "bare", path: "bare.sql"))["config"]?
                    .objectValue
            }
            let ourKeys = Set(ours?.keys ?? [])
            #expect(
                ourKeys == keys,
                "\(type): ours only \(ourKeys.subtracting(keys)), dbt only \(keys.subtracting(ourKeys))")
        }
    }
}
