import Foundation
import Testing
import Workspace

/// Weir writes each model's contract into the manifest as dbt-core 1.11 does: `contract` with
/// dbt's checksum, the model's `constraints`, and each column's `data_type` and `constraints`
/// (the checksum is what `--state` compares, so it must be dbt's to the byte).
@Suite struct ContractConformanceTests {
    @Test(arguments: CompileConformanceTests.projects)
    func contractsInTheManifestEqualDbts(_ name: String) throws {
        let fixture = try FixtureProject(name)
        let workspace = fixture.workspace()
        let parsed = try workspace.parse()
        try workspace.writeManifest(parsed)
        let ours = try Self.models(
            in: URL(fileURLWithPath: workspace.targetDirectory(parsed) + "/manifest.json"))
        let dbts = try Self.models(in: fixture.expectedDirectory.appendingPathComponent("manifest.json"))
        #expect(!dbts.isEmpty)
        for (id, expected) in dbts {
            let actual = try #require(ours[id], "Weir has no \(id)")
            for key in ["contract", "constraints"] {
                #expect(Self.same(actual[key], expected[key]), "\(id): \(key) differs from dbt's")
            }
            let columns = try #require(expected["columns"] as? [String: [String: Any]])
            let actualColumns = actual["columns"] as? [String: [String: Any]] ?? [:]
            for (column, info) in columns {
                for key in ["data_type", "constraints"] {
                    #expect(
                        Self.same(actualColumns[column]?[key], info[key]),
                        "\(id).\(column): \(key) differs from dbt's")
                }
            }
        }
    }

    static func models(in file: URL) throws -> [String: [String: Any]] {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let nodes = manifest?["nodes"] as? [String: [String: Any]] ?? [:]
        return nodes.filter { $0.value["resource_type"] as? String == "model" }
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?):
            guard JSONSerialization.isValidJSONObject([a]), JSONSerialization.isValidJSONObject([b]) else {
                return false
            }
            return (try? JSONSerialization.data(withJSONObject: [a], options: .sortedKeys))
                == (try? JSONSerialization.data(withJSONObject: [b], options: .sortedKeys))
        default: return false
        }
    }
}
