import Diagnostics
import Foundation
import Jinja
import ProjectModel

/// A unit test compiled for running: the tested model's query over its fixtures (dbt's
/// `compiled_code` for the test) and what the rows should be.
public struct CompiledUnitTest: Sendable {
    public var uniqueID: String
    /// The model's SQL with each input it reads replaced by a CTE of the input's fixture rows.
    public var sql: String
    /// The expected rows (`dict` and `csv` formats, a list of mappings), or
    var expectedRows: ConfigValue
    /// the expected rows as a query (`sql` format).
    var expectedSQL: String?
    /// The lower-cased names of the expected columns, nil when every column of the model is.
    public var expectedColumns: [String]?
}

/// What a render of a model under test sees differently: its inputs are fixture CTEs and its
/// `overrides` replace macros, vars and environment variables (dbt's `UnitTestContext`).
final class UnitTestRender {
    let test: UnitTestDefinition
    /// The CTE name of each input, by the unique id of the node or source it stands for
    /// (`this` for the model's own table).
    let cteNames: [String: String]
    /// The inputs the render read, in order of first use (dbt's `set_cte` order).
    var used: [String] = []

    init(test: UnitTestDefinition, cteNames: [String: String]) {
        self.test = test
        self.cteNames = cteNames
    }

    func use(_ id: String) -> String? {
        guard let name = cteNames[id] else { return nil }
        if !used.contains(id) { used.append(id) }
        return name
    }

    var overrides: (macros: ConfigMap, vars: ConfigMap, envVars: ConfigMap) {
        let overrides = test.overrides ?? ConfigMap()
        return (overrides["macros"]?.mapValue ?? ConfigMap(), overrides["vars"]?.mapValue ?? ConfigMap(),
                overrides["env_vars"]?.mapValue ?? ConfigMap())
    }

    func notFound(_ kind: String, _ name: String) -> RuntimeFailure {
        .raised("Unit_Test '\(test.uniqueID)' (\(test.originalFilePath)) depends on a \(kind) named '\(name)' which was not found")
    }
}

extension ProjectCompiler {
    /// One input of a unit test: the node or source it stands for, its CTE and its fixture.
    struct UnitTestInput {
        var key: String
        var cteName: String
        /// The node whose context renders the fixture: named as the input, relation of the original.
        var node: ManifestNode
        var fixture: UnitTestFixture
    }

    /// Compiles a unit test as dbt's `UnitTestManifestLoader` and compiler do: the tested model
    /// rendered with each `ref`/`source`/`this` it reads replaced by a CTE of that input's
    /// fixture rows, cast to the types of the real relation's columns (which the query runner
    /// reads, so the relations must exist).
    public func compileUnitTest(_ id: String) throws -> CompiledUnitTest {
        guard let test = manifest.unitTests[id], let modelID = test.dependsOnNodes.first, let model = manifest.nodes[modelID] else {
            throw Diagnostic(code: "W0801", message: "no unit test with id '\(id)'")
        }
        let what = "could not compile unit test '\(test.name)'"
        do {
            let inputs = try test.given.map { try unitTestInput($0, of: test, model: model) }
            let unit = UnitTestRender(test: test, cteNames: Dictionary(inputs.map { ($0.key, $0.cteName) }) { first, _ in first })
            let state = NodeRenderState(node: model, phase: .compile)
            state.unitTest = unit
            let (context, shared) = self.context(for: state)
            let template = try templates[modelID] ?? parsedTemplate(model.rawCode, name: templateNames[modelID] ?? model.originalFilePath)
            let sql = try template.render(context, shared: shared)
            var ctes: [String] = []
            for key in unit.used {
                guard let input = inputs.first(where: { $0.key == key }) else { continue }
                ctes.append(" \(input.cteName) as (\n\(try fixtureSQL(input))\n)")
            }
            var compiled = CompiledUnitTest(
                uniqueID: id, sql: CTEInjection.inject(ctes, into: sql), expectedRows: test.expect.rows, expectedSQL: nil)
            if test.expect.format == "sql" {
                compiled.expectedSQL = test.expect.rows.stringValue ?? ""
                compiled.expectedRows = .list([])
            } else if let first = test.expect.rows.listValue?.first?.mapValue {
                compiled.expectedColumns = first.map { $0.key.lowercased() }
            }
            return compiled
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: what)
        } catch let failure as RuntimeFailure {
            throw Diagnostic(code: "W0701", message: "\(what): \(failure.message)")
        }
    }

    /// The query that returns the model's rows and the expected rows side by side (dbt's `unit`
    /// materialization): the expected rows cast to the types of the model's columns, as the
    /// warehouse described its query.
    public func unitTestQuery(_ compiled: CompiledUnitTest, columns: [(name: String, dataType: String)]) throws -> String {
        guard let test = manifest.unitTests[compiled.uniqueID] else {
            throw Diagnostic(code: "W0801", message: "no unit test with id '\(compiled.uniqueID)'")
        }
        var node = ManifestNode(
            uniqueID: test.uniqueID, resourceType: .unitTest, packageName: test.packageName, name: test.versionedName,
            path: test.path, originalFilePath: test.originalFilePath, fqn: test.fqn, rawCode: "",
            checksum: FileChecksum(checksum: ""))
        if let model = test.dependsOnNodes.first.flatMap({ manifest.nodes[$0] }) {
            node.database = model.database
            node.schema = model.schema
        }
        node.alias = test.versionedName
        let (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        let types = Value.dict(columns.map { ($0.name.lowercased(), .string($0.dataType)) })
        let quoted = Value.dict(columns.map { ($0.name.lowercased(), .string(dialect.quote($0.name))) })
        let what = "An error occurred during execution of unit test '\(test.versionedName)'. There may be an error in the unit test definition: check the data types."
        do {
            let expectedSQL = try compiled.expectedSQL
                ?? callMacro("get_expected_sql", [compiled.expectedRows.jinjaValue, types, quoted], context: context, shared: shared)
            let names = (compiled.expectedColumns ?? columns.map { $0.name.lowercased() }).map { name in
                columns.first { $0.name.lowercased() == name }.map { dialect.quote($0.name) } ?? dialect.quote(name)
            }
            return try callMacro(
                "get_unit_test_sql", [.string(compiled.sql), .string(expectedSQL), .list(names.map(Value.string))],
                context: context, shared: shared)
        } catch let error as TemplateError {
            throw CompilerDiagnostics.renderFailed(error, what: what)
        } catch let failure as RuntimeFailure {
            throw Diagnostic(code: "W0701", message: "\(what)\n\(failure.message)")
        }
    }

    /// Calls the macro `name` as dbt's `execute_macro` finds it (the root project's first), for its text.
    func callMacro(_ name: String, _ arguments: [Value], context: [String: Value], shared: SharedGlobals) throws -> String {
        guard let macro = registry.lookup(name, from: root.config.name) else {
            throw RuntimeFailure.raised("'\(name)' is undefined")
        }
        return try jinja.call(macro.value, Arguments(arguments), context: context, shared: shared).pyStr
    }

    /// What a `given:` entry stands for, as dbt's `_get_original_input_node` finds it.
    private func unitTestInput(_ fixture: UnitTestFixture, of test: UnitTestDefinition, model: ManifestNode) throws -> UnitTestInput {
        let text = (fixture.input ?? "").trimmingCharacters(in: .whitespaces)
        if text == "this" {
            var node = model
            node.uniqueID = "model.\(model.packageName).\(model.name)"  // dbt's input node: no version
            return UnitTestInput(key: "this", cteName: "__dbt__cte__\(model.alias)", node: node, fixture: fixture)
        }
        switch Self.literalCall("{{ \(text) }}")?.call {
        case .ref(let call)?:
            var node = try resolveRef(call, from: model)
            node.resourceType = .model
            return UnitTestInput(key: node.uniqueID, cteName: "__dbt__cte__\(node.name)", node: node, fixture: fixture)
        case .source(let call)?:
            let source = try resolveSource(call, from: model)
            var node = ManifestNode(
                uniqueID: "", resourceType: .model, packageName: source.packageName, name: source.name, path: "",
                originalFilePath: test.originalFilePath, fqn: [], rawCode: "", checksum: FileChecksum(checksum: ""))
            node.database = source.database
            node.schema = source.schema
            node.alias = source.identifier
            return UnitTestInput(
                key: source.uniqueID, cteName: "__dbt__cte__\(source.sourceName)__\(source.name)", node: node, fixture: fixture)
        default:
            throw RuntimeFailure.raised(
                "Unit test given inputs must be either a 'ref', 'source' or 'this' call. Got: '\(text)'.")
        }
    }

    /// An input's fixture as a query: `sql` rows rendered as they are, other rows through
    /// `get_fixture_sql` in the input's context (its `this` the real relation, for the types).
    private func fixtureSQL(_ input: UnitTestInput) throws -> String {
        let (context, shared) = self.context(for: NodeRenderState(node: input.node, phase: .compile))
        if input.fixture.format == "sql" {
            let text = input.fixture.rows.stringValue ?? ""
            return try parsedTemplate(text, name: input.node.originalFilePath).render(context, shared: shared)
        }
        return try callMacro("get_fixture_sql", [input.fixture.rows.jinjaValue, .none], context: context, shared: shared)
    }
}
