import Foundation
import Selection
import Workspace

/// A project written file by file into a temporary directory, which is removed with it.
class ScratchProject {
    let directory: String

    init(prefix: String) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: directory + "/" + path, encoding: .utf8)
    }

    /// Writes a `dbt_project.yml` for project `name` and, beside it, a profile that targets SQLite.
    func writeSQLiteProject(_ name: String) throws {
        try write("dbt_project.yml", "name: \(name)\nprofile: \(name)\nconfig-version: 2\n")
        try write("profiles.yml", Self.sqliteProfile(name))
    }

    /// A `profiles.yml` whose profile `name` targets a SQLite file in the project.
    static func sqliteProfile(_ name: String) -> String {
        "\(name):\n  target: dev\n  outputs:\n    dev:\n      type: sqlite\n      database: main\n      schema: main\n      path: ./warehouse.db\n"
    }

    /// The project (in `subdirectory`, profiles beside it) parsed, and every node compiled.
    func compiled(in subdirectory: String? = nil) throws -> Workspace.Parsed {
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = subdirectory.map { directory + "/" + $0 } ?? directory
        configuration.profilesDirectory = configuration.projectDirectory
        let workspace = Workspace(configuration)
        let parsed = try workspace.parse()
        _ = try workspace.compile(try workspace.select(SelectionRequest(), in: parsed), in: parsed).value()
        return parsed
    }
}
