import Foundation
import Testing

/// Where `weir` looks for the project when `--project-dir` is not given, as dbt looks: the
/// `DBT_PROJECT_DIR` variable, else the current directory or the nearest parent holding a
/// `dbt_project.yml`. The directory found is what the manifest records as a seed's `root_path`.
@Suite struct ProjectDirectoryTests {
    private func parse(in directory: String, environment: [String: String] = [:], profiles: String) throws -> (Int32, String) {
        try runProgram(
            [try ProcessRunTests.weir().path, "parse", "--profiles-dir", profiles],
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new }, directory: directory)
    }

    /// The seeds' `root_path` in the project's manifest.
    private func seedRoots(_ project: RunProject) throws -> Set<String> {
        let manifest = try JSONSerialization.jsonObject(with: try project.file("target/manifest.json")) as? [String: Any]
        let nodes = manifest?["nodes"] as? [String: [String: Any]] ?? [:]
        return Set(nodes.values.filter { $0["resource_type"] as? String == "seed" }.compactMap { $0["root_path"] as? String })
    }

    @Test func theProjectIsFoundFromASubdirectory() throws {
        let project = try RunProject("example")
        let (status, output) = try parse(in: project.directory + "/models", profiles: project.directory)
        #expect(status == 0, "\(output)")
        #expect(try seedRoots(project) == [project.directory])
    }

    @Test func dbtProjectDirNamesTheProject() throws {
        let project = try RunProject("example")
        let (status, output) = try parse(
            in: FileManager.default.temporaryDirectory.path, environment: ["DBT_PROJECT_DIR": project.directory],
            profiles: project.directory)
        #expect(status == 0, "\(output)")
        #expect(try seedRoots(project) == [project.directory])
    }
}
