import Foundation
import ProjectModel
import Selection
import Testing
import Workspace

@testable import Compiler

/// A generic test's arguments are rendered for the refs and sources they call (parsing) and for
/// the values the test's macro receives (compiling); a literal `ref(...)` or `source(...)`, alone
/// or wrapped in `get_where_subquery(...)`, is read without a render, and anything else is left
/// to the render.
@Suite struct TestArgumentTests {
    @Test(arguments: [
        ("{{ ref('customers') }}", ProjectCompiler.LiteralCall.ref(RefCall(name: "customers")), false),
        ("{{ ref(\"shop\", 'orders') }}", .ref(RefCall(package: "shop", name: "orders")), false),
        ("{{  ref ( 'a' )  }}", .ref(RefCall(name: "a")), false),
        ("{{ source('raw', 'events') }}", .source(SourceCall(sourceName: "raw", tableName: "events")), false),
        ("{{ get_where_subquery(ref('orders')) }}", .ref(RefCall(name: "orders")), true),
        ("{{ get_where_subquery(source('raw', 'events')) }}", .source(SourceCall(sourceName: "raw", tableName: "events")), true),
    ])
    func literalCallsAreReadWithoutARender(template: String, call: ProjectCompiler.LiteralCall, wrapped: Bool) throws {
        let found = try #require(ProjectCompiler.literalCall(template))
        #expect(found.call == call)
        #expect(found.inWhereSubquery == wrapped)
    }

    @Test(arguments: [
        "{{ ref('a', v=2) }}", "{{ ref('a') | upper }}", "{{ ref('a\\'b') }}", "{{ source('s') }}",
        "{{ ref('a', 'b', 'c') }}", "{{ refs('a') }}", "{{ ref(name) }}", "{{ ref('a') }} x", "ref('a')",
        "{{ var('a') }}", "{{ ref('a' ~ 'b') }}", "{{ get_where_subquery(ref('a', version='2')) }}",
        "{{ get_where_subquery(ref('a') }}", "{{ other(ref('a')) }}",
    ])
    func anythingElseIsRendered(template: String) {
        #expect(ProjectCompiler.literalCall(template) == nil)
    }

    /// A generic test file gives its `{% test %}` blocks only, as dbt reads it: a `{% macro %}`
    /// beside them is no macro of the project.
    @Test func aGenericTestFileGivesItsTestsOnly() throws {
        let project = ScratchProject(prefix: "weir-generic-test-file")
        try project.writeSQLiteProject("gen")
        try project.write("models/a.sql", "select 1 as id\n")
        try project.write(
            "tests/generic/is_small.sql",
            "{% test is_small(model, column_name) %}select * from {{ model }} where {{ column_name }} > 9{% endtest %}\n"
                + "{% macro helper() %}1{% endmacro %}\n")
        var configuration = WorkspaceConfiguration()
        configuration.projectDirectory = project.directory
        configuration.profilesDirectory = project.directory
        let parsed = try Workspace(configuration).parse()
        #expect(parsed.manifest.macros["macro.gen.test_is_small"] != nil)
        #expect(parsed.manifest.macros["macro.gen.helper"] == nil)
    }

    /// The test SQL a generic test compiles to, in a project whose `macros/` holds `macros`.
    private func compiledTests(macros: String) throws -> [String: String] {
        let project = ScratchProject(prefix: "weir-test-arguments")
        try project.writeSQLiteProject("args")
        try project.write("models/customers.sql", "select 1 as id\n")
        try project.write("models/orders.sql", "select 1 as id, 1 as customer_id\n")
        try project.write(
            "models/schema.yml",
            """
            version: 2
            models:
              - name: orders
                columns:
                  - name: customer_id
                    data_tests:
                      - relationships: {arguments: {to: ref('customers'), field: id}}
                      - not_null: {config: {where: "id > 0"}}
            """)
        try project.write("macros/overrides.sql", macros)
        let parsed = try project.compiled()
        var sql: [String: String] = [:]
        for node in parsed.manifest.nodes.values where node.resourceType == .test {
            sql[node.name] = node.compiledCode
            #expect(node.dependsOn.nodes.contains("model.args.orders"), "\(node.uniqueID)")
        }
        return sql
    }

    @Test func theModelArgumentIsTheRelationOrTheConfiguredSubqueryOrWhatAnOverrideGives() throws {
        let builtin = try compiledTests(macros: "")
        let relationships = try #require(builtin["relationships_orders_customer_id__id__ref_customers_"])
        #expect(relationships.contains("from \"main\".\"orders\""))
        #expect(relationships.contains("from \"main\".\"customers\""))
        let notNull = try #require(builtin["not_null_orders_customer_id"])
        #expect(notNull.contains("(select * from \"main\".\"orders\" where id > 0) dbt_subquery"))

        let overridden = try compiledTests(
            macros: "{% macro default__get_where_subquery(relation) %}{% do return('(select 42) as overridden') %}{% endmacro %}\n")
        #expect(overridden["relationships_orders_customer_id__id__ref_customers_"]?.contains("from (select 42) as overridden") == true)
        #expect(overridden["not_null_orders_customer_id"]?.contains("from (select 42) as overridden") == true)
    }
}
