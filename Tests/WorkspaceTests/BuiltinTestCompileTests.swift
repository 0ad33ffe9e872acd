import Foundation
import ProjectModel
import Testing
import Workspace

@testable import Compiler

/// The built-in generic tests compile without a render while their macros are Weir's own
/// (`ProjectCompiler.nativeTestSQL`); what they compile to is exactly what rendering the
/// built-in macros gives. The same project is compiled twice: as is, and with the built-in
/// macros' own text copied into its `macros/`, which makes them the project's and so rendered.
@Suite struct BuiltinTestCompileTests {
    private static let properties = """
        version: 2
        sources:
          - name: raw
            schema: main
            tables:
              - name: events
                columns:
                  - name: id
                    data_tests: [unique, not_null]
                  - name: kind
                    data_tests:
                      - accepted_values: {arguments: {values: ['click', "it's", 'a"b']}}
        models:
          - name: customers
            data_tests:
              - unique: {arguments: {column_name: "id || '-' || name"}}
            columns:
              - name: id
                data_tests:
                  - unique
                  - not_null: {config: {store_failures: true}}
                  - not_null: {config: {where: "id > 0", severity: warn}, name: positive_ids_not_null}
              - name: tier
                data_tests:
                  - accepted_values: {arguments: {values: [1, 2.5, true], quote: false}}
                  - accepted_values: {arguments: {values: []}, config: {store_failures: false}}
          - name: orders
            columns:
              - name: customer_id
                data_tests:
                  - not_null: {config: {store_failures: false}}
                  - relationships: {arguments: {to: ref('customers'), field: id}}
                  - relationships: {arguments: {to: "source('raw', 'events')", field: id}, config: {where: "customer_id <> 7"}}
              - name: referring_customer_identifier_with_a_name_long_enough_to_be_shortened
                data_tests:
                  - relationships:
                      arguments: {to: ref('customers'), field: id}
                      config: {error_if: ">10", warn_if: ">1", tags: [referrals]}
        """

    /// Every test's compiled SQL, by name, and the built-in tests the compiler left unrendered.
    private func compiledTests(copyingBuiltinMacros: Bool) throws -> (sql: [String: String], native: Set<String>) {
        let project = ScratchProject(prefix: "weir-builtin-tests")
        try project.writeSQLiteProject("shop")
        try project.write("models/customers.sql", "select 1 as id, 'a' as name, 1 as tier\n")
        try project.write(
            "models/orders.sql",
            "select 1 as id, 1 as customer_id, 1 as referring_customer_identifier_with_a_name_long_enough_to_be_shortened\n")
        try project.write("models/schema.yml", Self.properties)
        if copyingBuiltinMacros {
            let files = [
                BuiltinMacros.GenericTests.builtinTests, BuiltinMacros.GenericTests.uniqueSQL,
                BuiltinMacros.GenericTests.notNullSQL, BuiltinMacros.GenericTests.acceptedValuesSQL,
                BuiltinMacros.GenericTests.relationshipsSQL, BuiltinMacros.GenericTests.configFlags,
            ]
            for (position, file) in files.enumerated() {
                try project.write("macros/builtin_\(position).sql", file.source)
            }
        }
        let parsed = try project.compiled()
        var sql: [String: String] = [:]
        for node in parsed.manifest.nodes.values where node.resourceType == .test {
            sql[node.name] = node.compiledCode
            if !copyingBuiltinMacros {
                // Each test is one the compiler can write out.
                let compiler = parsed.compiler
                let kwargs = try compiler.renderedTestKwargs(
                    try #require(node.testMetadata), state: NodeRenderState(node: node, phase: .compile))
                #expect(compiler.nativeTestSQL(node, kwargs: kwargs)?.sql == node.compiledCode, "\(node.name)")
            }
        }
        return (sql, parsed.compiler.nativelyCompiledTests ?? [])
    }

    @Test func compilingWithoutARenderGivesWhatTheMacrosRender() throws {
        let native = try compiledTests(copyingBuiltinMacros: false)
        let rendered = try compiledTests(copyingBuiltinMacros: true)
        #expect(native.native == ["unique", "not_null", "accepted_values", "relationships"])
        #expect(rendered.native.isEmpty)
        #expect(native.sql.count == 13)
        #expect(native.sql.keys.sorted() == rendered.sql.keys.sorted())
        for (name, sql) in native.sql {
            #expect(sql == rendered.sql[name], "\(name)")
        }
    }

    /// A test's `config()` call as Weir writes it for the usual settings is known to parse and
    /// render nothing without parsing it; any other is parsed first.
    @Test(arguments: [
        (#"{{ config(alias="accepted_values_orders_9f1c2") }}"#, true),
        (#"{{ config(severity="warn",where="id > 0 and kind = 'a'",limit=10) }}"#, true),
        (#"{{ config(store_failures=True,warn_if="!= 0",x=-1.5,y=None) }}"#, true),
        (#"{{ config(where="a \" b") }}"#, false),
        (#"{{ config(where="}}") }}"#, false),
        (#"{{ config(pre-hook="x") }}"#, false),
        (#"{{ config(tags=['a']) }}"#, false),
        (#"{{ config(x=1e-05) }}"#, false),
        (#"{{ config(x=1.) }}"#, false),
        (#"{{ config(1x=2) }}"#, false),
        (#"{{ config() }}"#, false),
        (#"{{ config(a="b") }} x"#, false),
    ])
    func plainConfigCallsAreRecognized(call: String, plain: Bool) throws {
        #expect(ProjectCompiler.isPlainConfigCall(call[...].utf8) == plain)
        if plain { _ = try DbtJinja.makeEnvironment().parse(call, name: "test") }
    }
}
