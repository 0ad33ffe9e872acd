import Diagnostics
import Foundation
import ProjectModel
import Testing
import Workspace

/// What a unit test's entry may get wrong, each a diagnostic at the entry with dbt's words where
/// dbt has some; and rows read as dbt reads them (the `unit_tests` fixture project checks the
/// manifest entries against dbt's own).
@Suite struct UnitTestParsingTests {
    /// A project with a table model `orders`, an incremental `events`, a seed `countries`, and
    /// `models/unit_tests.yml` holding `entries` (YAML list items under `unit_tests:`).
    private func parse(_ entries: String, fixtures: [String: String] = [:]) throws -> Workspace.Parsed {
        let project = ScratchProject(prefix: "weir-unit-tests")
        try project.writeSQLiteProject("units")
        try project.write("models/orders.sql", "select 1 as id, 'fr' as country\n")
        try project.write(
            "models/events.sql",
            "{{ config(materialized='incremental') }}\nselect 1 as id\n{% if is_incremental() %}where id > 0{% endif %}\n")
        try project.write("seeds/countries.csv", "code,name\nfr,France\n")
        for (name, text) in fixtures { try project.write("tests/fixtures/\(name)", text) }
        try project.write("models/unit_tests.yml", "unit_tests:\n" + entries)
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = project.directory
        configuration.profilesDirectory = project.directory
        return try Workspace(configuration).parse()
    }

    @Test(arguments: [
        ("  - name: t\n    given: []\n    expect: {rows: []}\n", "unit test 't' needs a 'model'", 2),
        ("  - name: t\n    model: orders\n    expect: {rows: []}\n", "unit test 't' needs 'given'", 2),
        ("  - name: t\n    model: orders\n    given: []\n    expect: [1]\n", "unit test 't' needs 'expect'", 5),
        ("  - name: t\n    model: orders\n    given: [{rows: []}]\n    expect: {rows: []}\n", "needs 'input'", 4),
        ("  - name: t\n    model: orders\n    given: []\n    expect: {rows: {id: 1}}\n",
         "Unit test t has expected rows which do not match format dict", 5),
        ("  - name: t\n    model: orders\n    given: []\n    expect: {format: csv, rows: [{id: 1}]}\n",
         "Unit test t has expected rows or fixtures which do not match format csv.  Expected string.", 5),
        ("  - name: t\n    model: orders\n    given: []\n    expect: {format: json, rows: []}\n",
         "format 'json'", 5),
        ("  - name: t\n    model: orders\n    given: [{input: \"ref('nope')\"}]\n    expect: {rows: []}\n",
         "Unable to find seed 'units.nope' for unit tests in directories: ['seeds']", 4),
        ("  - name: t\n    model: orders\n    given: []\n    expect: {format: csv, fixture: missing}\n",
         "File not found for fixture 'missing' in unit tests in models/unit_tests.yml", 5),
        ("  - name: t\n    model: orders\n    given: []\n    expect: {rows: []}\n  - name: t\n    model: orders\n    given: []\n    expect: {rows: []}\n",
         "two unit tests named 't' test model 'orders'", 6),
        ("  - name: t\n    model: events\n    overrides: {macros: {is_incremental: true}}\n    given: []\n    expect: {rows: []}\n",
         "Unit test 't' for incremental model 'events' must have a 'this' input", 2),
        ("  - name: t\n    model: orders\n    versions: {include: [1]}\n    given: []\n    expect: {rows: []}\n",
         "Unit test 't' should not have a versions include or exclude when referencing non-versioned model 'orders'", 2),
    ])
    func aBrokenUnitTestStopsTheParseAtItsEntry(_ entries: String, _ message: String, _ line: Int) throws {
        do {
            _ = try parse(entries)
            Issue.record("the parse should have stopped: \(message)")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
            #expect(diagnostic.file?.name == "models/unit_tests.yml")
            #expect(diagnostic.location?.line == line, "\(diagnostic)")
        }
    }

    /// csv rows as Python's `csv.DictReader` gives them (quotes, doubled quotes, commas and line
    /// breaks inside quotes, short records), empty values null; a seed's rows for an input with
    /// none; a `sql` fixture file's text stripped; the first row without nulls moved first.
    @Test func rowsAreReadAsDbtReadsThem() throws {
        let parsed = try parse(
            """
              - name: t
                model: orders
                given:
                  - input: ref('countries')
                  - input: ref('orders')
                    format: sql
                    fixture: one_order
                expect:
                  format: csv
                  rows: |
                    id,country
                    1,
                    2,"a ""quoted"", two-line
                    value"

                    3
            """, fixtures: ["one_order.sql": "\n  select 1 as id, 'fr' as country\n\n"])
        let test = try #require(parsed.manifest.unitTests["unit_test.units.orders.t"])
        #expect(test.given[0].rows == .list([.map(ConfigMap([("code", "fr"), ("name", "France")]))]))
        #expect(test.given[1].rows == .string("select 1 as id, 'fr' as country"))
        #expect(
            test.expect.rows == .list([
                .map(ConfigMap([("id", "2"), ("country", "a \"quoted\", two-line\nvalue")])),
                .map(ConfigMap([("id", "1"), ("country", .null)])),
                .map(ConfigMap([("id", "3"), ("country", .null)])),
            ]))
        #expect(test.dependsOnNodes == ["model.units.orders"])
        #expect(test.checksum.count == 64)
    }
}
