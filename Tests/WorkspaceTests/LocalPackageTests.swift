import Foundation
import ProjectModel
import Selection
import Testing
import Workspace

/// `local:` packages are found as `dbt deps` installs them: a local package's own `local:`
/// entries too, every path taken from the root project's directory.
@Suite struct LocalPackageTests {
    @Test func aLocalPackagesLocalPackagesAreLoaded() throws {
        let project = ScratchProject(prefix: "weir-local-packages")
        try project.write("root/dbt_project.yml", "name: root\nprofile: root\nconfig-version: 2\n")
        try project.write("root/profiles.yml", ScratchProject.sqliteProfile("root"))
        try project.write("root/packages.yml", "packages:\n  - local: ../outer\n")
        try project.write("root/models/m.sql", "select {{ outer.twice(inner.one()) }} as x\n")
        try project.write("outer/dbt_project.yml", "name: outer\nconfig-version: 2\n")
        // Relative to the root project, not to this package.
        try project.write("outer/packages.yml", "packages:\n  - local: ../inner\n  - local: ../outer\n")
        try project.write("outer/macros/twice.sql", "{% macro twice(x) %}2 * {{ x }}{% endmacro %}\n")
        try project.write("inner/dbt_project.yml", "name: inner\nconfig-version: 2\n")
        try project.write("inner/packages.yml", "packages:\n  - local: ../root\n")
        try project.write("inner/macros/one.sql", "{% macro one() %}1{% endmacro %}\n")
        let parsed = try project.compiled(in: "root")
        #expect(parsed.manifest.nodes["model.root.m"]?.compiledCode == "select 2 * 1 as x")
        #expect(parsed.manifest.macros.keys.filter { !$0.hasPrefix("macro.dbt") && !$0.hasPrefix("macro.weir") }.sorted()
            == ["macro.inner.one", "macro.outer.twice"])
    }
}
