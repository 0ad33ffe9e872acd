import Diagnostics
import Foundation
import Testing
import Workspace

/// Property files are planned on all cores and applied one after the other as their plans come
/// in: what a project is told must be what reading the files in order would tell it.
@Suite struct PropertyFilesTests {
    /// A project of `count` models, each with a properties file of its own (`models/p00.yml`...),
    /// the files' text changed where `replacing` says.
    private func project(_ count: Int, replacing: [Int: String] = [:]) throws -> ScratchProject {
        let project = ScratchProject(prefix: "weir-property-files")
        try project.writeSQLiteProject("props")
        for index in 0..<count {
            let name = String(format: "m%02d", index)
            try project.write("models/\(name).sql", "select 1 as id\n")
            let properties =
                replacing[index] ?? "models:\n  - name: \(name)\n    columns:\n      - name: id\n        data_tests: [unique]\n"
            try project.write(String(format: "models/p%02d.yml", index), properties)
        }
        return project
    }

    private func parse(_ project: ScratchProject) throws -> Workspace.Parsed {
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = project.directory
        configuration.profilesDirectory = project.directory
        return try Workspace(configuration).parse()
    }

    @Test func theFirstErrorInFileOrderStopsTheParse() throws {
        let project = try project(
            80,
            replacing: [
                30: "models:\n  - name: m30\n    columns:\n      - name: id\n        data_tests: [unique, unique]\n",
                60: "models: not a list\n",
            ])
        do {
            _ = try parse(project)
            Issue.record("the parse should have stopped")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "W0602", "\(diagnostic.message)")
            #expect(diagnostic.file?.name == "models/p30.yml")
        }
    }

    @Test func warningsComeInFileOrderAndEveryFileIsApplied() throws {
        let unknownKey = { (index: Int) in
            String(format: "unknown_key_%02d: 1\nmodels:\n  - name: m%02d\n    description: patched\n", index, index)
        }
        let project = try project(80, replacing: [10: unknownKey(10), 20: unknownKey(20), 50: unknownKey(50)])
        let parsed = try parse(project)
        #expect(parsed.warnings.map(\.file?.name) == ["models/p10.yml", "models/p20.yml", "models/p50.yml"])
        #expect(parsed.manifest.nodes["model.props.m50"]?.description == "patched")
        // The other 77 files' tests, and the patched models' none.
        #expect(parsed.manifest.nodes.values.filter { $0.resourceType == .test }.count == 77)
    }

    /// A warning about a generic test points at the test's entry in its properties file: the one
    /// of its kind that names the missing target, on the right column or source table.
    @Test func aTestsWarningPointsAtItsEntry() throws {
        let project = ScratchProject(prefix: "weir-property-files")
        try project.writeSQLiteProject("props")
        try project.write("models/orders.sql", "select 1 as id, 2 as customer_id\n")
        try project.write(
            "models/orders.yml",
            """
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests:
                      - relationships:
                          arguments: {to: "ref('orders')", field: id}
                  - name: customer_id
                    data_tests:
                      - not_null
                      - relationships:
                          arguments: {to: "ref('orders')", field: id}
                      - relationships:
                          arguments:
                            to: ref('customers')
                            field: id
            sources:
              - name: raw
                tables:
                  - name: payments
                  - name: refunds
                    columns:
                      - name: order_id
                        data_tests:
                          - relationships:
                              to: source('raw', 'returns')
                              field: id

            """)
        let parsed = try parse(project)
        let places = parsed.warnings.filter { $0.code == "W0704" }.map { $0.location.map { "\($0.line):\($0.column)" } }
        #expect(places == ["25:17", "13:13"])
    }
}
