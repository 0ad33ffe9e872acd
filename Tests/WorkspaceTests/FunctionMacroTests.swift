import Foundation
import ProjectModel
import Selection
import Testing
import Workspace

/// dbt's macros that Weir serves as functions (`is_incremental`, `run_query`, `statement`): a
/// call to one is recorded as a dependency on dbt's macro, and a project's own macro of that name
/// replaces the function, as it replaces dbt's macro.
@Suite struct FunctionMacroTests {
    /// Compiles a project whose model `m` is `model` and whose `macros/own.sql` is `macros`.
    private func compiled(model: String, macros: String) throws -> ManifestNode {
        let project = ScratchProject(prefix: "weir-function-macros")
        try project.writeSQLiteProject("fm")
        try project.write("models/m.sql", model)
        try project.write("macros/own.sql", macros)
        return try #require(try project.compiled().manifest.nodes["model.fm.m"])
    }

    @Test func aCallDependsOnDbtsMacro() throws {
        let node = try compiled(
            model: "select '{{ is_incremental() }}' as x {% if false %}{{ run_query('select 1') }}{% endif %}\n",
            macros: "")
        #expect(node.compiledCode == "select 'False' as x ")
        #expect(node.dependsOn.macros == ["macro.dbt.is_incremental", "macro.dbt.run_query"])
    }

    @Test func aProjectsMacroReplacesTheFunction() throws {
        let node = try compiled(
            model: "select '{{ is_incremental() }}' as x\n",
            macros: "{% macro is_incremental() %}{{ return('replaced') }}{% endmacro %}\n")
        #expect(node.compiledCode == "select 'replaced' as x")
        #expect(node.dependsOn.macros == ["macro.fm.is_incremental"])
    }
}
