import Diagnostics
import Foundation
import Jinja
import Testing

/// The engine's extension points and guarantees for hosts (the dbt compiler): returning values
/// from macros, host objects and functions, block tags, static call discovery, strictness,
/// limits and error locations.
@Suite struct EngineTests {
    func render(
        _ source: String, _ context: [String: Value] = [:], in environment: Environment = Environment()
    ) throws -> String {
        try environment.parse(source, name: "t.sql").render(context)
    }

    func dbtLikeEnvironment() -> Environment {
        let environment = Environment()
        environment.addGlobal(
            "return",
            .function("return") { arguments, _ in
                throw MacroReturn(arguments.positional.first ?? .none)
            })
        return environment
    }

    // MARK: - Returning values from macros

    @Test func macroReturnsValueFromInsideLoop() throws {
        let source = """
            {% macro pick(xs) %}{% for x in xs %}{% if x > 1 %}{{ return(x * 10) }}{% endif %}{% endfor %}{% endmacro %}\
            {{ pick([1, 2, 3]) + 1 }}
            """
        #expect(try render(source, in: dbtLikeEnvironment()) == "21")
    }

    @Test func macroReturnsThroughDoStatement() throws {
        let source =
            "{% macro cols() %}{% do return(['a', 'b']) %}{% endmacro %}{{ cols() | join(',') }} {{ cols() }}"
        #expect(try render(source, in: dbtLikeEnvironment()) == "a,b ['a', 'b']")
    }

    @Test func nestedMacroReturnStopsOnlyTheInnerMacro() throws {
        let source =
            "{% macro inner() %}{{ return(1) }}{% endmacro %}{% macro outer() %}[{{ inner() }}]{% endmacro %}{{ outer() }}"
        #expect(try render(source, in: dbtLikeEnvironment()) == "[1]")
    }

    // MARK: - Host objects and functions

    final class Adapter: JinjaObject {
        var typeName: String { "Adapter" }
        func attribute(_ name: String, _ context: CallContext) throws -> Value? {
            guard name == "dispatch" else { return nil }
            return .function("dispatch") { arguments, context in
                let macroName = arguments.positional.first?.pyStr ?? ""
                return context.resolve("default__" + macroName)
            }
        }
    }

    @Test func hostObjectReturnsCallableThatIsCalledAgain() throws {
        let source = "{{ adapter.dispatch('hash')('id') }}"
        // The host registers a macro file's macros as globals, as the dbt compiler does.
        let environment = Environment()
        let module = try environment.parse(
            "{% macro default__hash(x) %}md5({{ x }}){% endmacro %}", name: "macros.sql"
        )
        .renderModule()
        for (name, value) in module.exports { environment.addGlobal(name, value) }
        #expect(try render(source, ["adapter": .object(Adapter())], in: environment) == "md5(id)")
    }

    /// A host object can be a mapping (the `mapping` test) and hashable by its own key.
    final class Point: JinjaObject {
        let x: Int
        init(_ x: Int) { self.x = x }
        var typeName: String { "Point" }
        var isMapping: Bool { true }
        var hashKey: String? { String(x) }
        func isEqual(to other: Value) -> Bool? {
            guard case .object(let object) = other, let point = object as? Point else { return false }
            return point.x == x
        }
    }

    @Test func hostObjectsCanBeMappingsAndDictKeys() throws {
        let source = "{{ p is mapping }} {{ ({p: 'found'})[q] }} {{ [p, q] | unique | list | length }} {{ p == q }}"
        #expect(try render(source, ["p": .object(Point(1)), "q": .object(Point(1))]) == "True found 1 True")
        #expect(throws: (any Error).self) { try render("{{ {a: 1} }}", ["a": .object(Adapter())]) }
    }

    @Test func aDeferredValueIsBuiltOnceAndOnlyWhenLookedUp() throws {
        final class Builds: @unchecked Sendable { var count = 0 }
        let builds = Builds()
        let graph = DeferredValue {
            builds.count += 1
            return .dict([("nodes", .dict([("model.a", .int(1))]))])
        }
        let shared = SharedGlobals(["graph": .object(graph)])
        let environment = Environment()
        #expect(try environment.parse("{{ 1 + 1 }}", name: "t.sql").render([:], shared: shared) == "2")
        #expect(builds.count == 0)
        let reading = try environment.parse("{{ graph.nodes | list }} {{ graph is mapping }}", name: "t.sql")
        #expect(try reading.render([:], shared: shared) == "['model.a'] True")
        #expect(try reading.render(["graph": .object(graph)]) == "['model.a'] True")
        #expect(builds.count == 1)
    }

    @Test func hostFilterAndTest() throws {
        let environment = Environment()
        environment.addFilter("quote") { value, _, _ in .string("\"\(value.pyStr)\"") }
        environment.addTest("column") { value, _, _ in value.pyStr.hasPrefix("c_") }
        #expect(
            try render("{{ 'x' | quote }} {{ 'c_a' is column }} {{ 'a' is not column }}", in: environment)
                == "\"x\" True True")
    }

    /// A template keeps the filters and tests it found while parsing, but never past a change to
    /// the environment's: one added or replaced afterwards is the one applied.
    @Test func filtersAndTestsChangedAfterParsingAreTheOnesApplied() throws {
        let environment = Environment()
        let template = try environment.parse("{{ 'x' | upper }} {{ 'x' | shout }} {{ 1 is odd }}", name: "t")
        #expect(throws: TemplateError.self) { try template.render() }
        environment.addFilter("shout") { value, _, _ in .string(value.pyStr + "!") }
        #expect(try template.render() == "X x! True")
        environment.addFilter("upper") { value, _, _ in .string("upper(\(value.pyStr))") }
        environment.addTest("odd") { _, _, _ in false }
        #expect(try template.render() == "upper(x) x! False")
    }

    // MARK: - Extension tags

    @Test func macroLikeExtensionTagDefinesNamedMacro() throws {
        let environment = Environment()
        environment.addExtensionTag(ExtensionTag(name: "test", form: .macro(namer: { "test_" + $0.name })))
        let source =
            "{% test not_null(model, column_name) %}select * from {{ model }} where {{ column_name }} is null{% endtest %}{{ test_not_null('t', 'c') }}"
        #expect(try render(source, in: environment) == "select * from t where c is null")
    }

    @Test func extensionHeaderCarriesFlagsAndOptions() throws {
        let environment = Environment()
        environment.addExtensionTag(
            ExtensionTag(
                name: "materialization",
                form: .macro(namer: { header in
                    let adapter =
                        header.flags.contains("default") ? "default" : header.options["adapter"]?.pyStr ?? "?"
                    return "materialization_\(header.name)_\(adapter)"
                })))
        let template = try environment.parse(
            "{% materialization table, adapter='postgres' %}T{% endmaterialization %}{% materialization view, default %}V{% endmaterialization %}",
            name: "m.sql")
        let exports = try template.renderModule().exports
        #expect(exports.keys.sorted() == ["materialization_table_postgres", "materialization_view_default"])
    }

    @Test func blockExtensionTagKeepsRawBodyAndRendersNothing() throws {
        let environment = Environment()
        environment.addExtensionTag(ExtensionTag(name: "docs", form: .block))
        let template = try environment.parse(
            "a{% docs orders %}\nThe **orders** {{ table }}.\n{% enddocs %}b", name: "docs.md")
        #expect(try template.render() == "ab")
        let blocks = template.extensionBlocks
        #expect(blocks.map(\.name) == ["orders"])
        #expect(blocks.first?.rawBody == "\nThe **orders** {{ table }}.\n")
        #expect(try template.renderBlock(blocks[0], ["table": .string("T")]) == "\nThe **orders** T.\n")
    }

    // MARK: - Static analysis

    @Test func staticCallsListLiteralArguments() throws {
        let template = try Environment().parse(
            """
            {{ config(materialized='table', tags=['a']) }}
            select * from {{ ref('orders') }} join {{ source('raw', 'users') }}
            {% if x %}{{ ref(name) }}{% endif %}{{ adapter.dispatch('hash', 'dbt')('x') }}
            """, name: "m.sql")
        let calls = template.staticCalls
        // The outer call of `adapter.dispatch(...)(...)` has no name of its own, so it is not listed.
        #expect(calls.map(\.name) == ["config", "ref", "source", "ref", "adapter.dispatch"])
        #expect(calls[1].arguments.map { $0?.pyStr } == ["orders"])
        #expect(calls[2].arguments.map { $0?.pyStr } == ["raw", "users"])
        #expect(calls[3].isFullyLiteral == false)
        #expect(calls[0].keywords.map(\.name) == ["materialized", "tags"])
        #expect(calls[0].keywords[1].value?.pyRepr == "['a']")
        #expect(template.file.location(of: calls[1].span.start) == SourceLocation(line: 2, column: 18))
    }

    // MARK: - Undefined values

    @Test func lenientUndefinedRendersEmpty() throws {
        #expect(
            try render(
                "[{{ missing }}]{% for x in missing %}x{% else %}E{% endfor %}{{ missing is defined }}")
                == "[]EFalse")
    }

    @Test func strictUndefinedFailsOnUse() throws {
        let environment = Environment()
        environment.undefinedBehavior = .strict
        #expect(
            try render("{{ missing is defined }} {{ missing | default('d') }}", in: environment) == "False d")
        #expect(throws: TemplateError.self) { try render("{{ missing }}", in: environment) }
        #expect(throws: TemplateError.self) { try render("{% if missing %}{% endif %}", in: environment) }
        #expect(throws: TemplateError.self) {
            try render("{% for x in missing %}{% endfor %}", in: environment)
        }
    }

    // MARK: - Limits

    @Test func runawayRecursionStopsWithAnError() throws {
        let error = try #require(throws: TemplateError.self) {
            try render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
        }
        #expect(error.message.contains("maximum recursion depth"))
    }

    @Test func loopIterationLimitStopsLongLoops() throws {
        let environment = Environment()
        environment.limits.maxLoopIterations = 1000
        let error = try #require(throws: TemplateError.self) {
            try render(
                "{% for i in range(100) %}{% for j in range(100) %}{% endfor %}{% endfor %}", in: environment)
        }
        #expect(error.message.contains("loop iterations"))
    }

    @Test func sandboxRefusesHugeRanges() throws {
        let error = try #require(throws: TemplateError.self) { try render("{{ range(1000000) | length }}") }
        #expect(error.message.contains("MAX_RANGE"))
    }

    @Test func powersOfZeroAndOneNeedNoLimit() throws {
        #expect(
            try render(
                "{{ (-1) ** 3 }} {{ (-1) ** 4 }} {{ 1 ** 99999999999999999999 }} {{ 0 ** 0 }} {{ (-1) ** 4211101111111111131 }} {{ 0 ** 5 }}"
            ) == "-1 1 1 1 -1 0")
    }

    @Test func hugePowersAreRefused() throws {
        #expect(throws: TemplateError.self) { try render("{{ 2 ** 100000000 }}") }
    }

    // MARK: - Errors and their locations

    @Test func syntaxErrorPointsAtTheToken() throws {
        let error = try #require(throws: TemplateError.self) { try render("select\n  {{ x }}}\n  {{ y + }}") }
        #expect(error.location == SourceLocation(line: 3, column: 10))
        #expect(error.message == "unexpected end of print statement, expected an expression")
    }

    @Test func unclosedBlockNamesWhereItWasOpened() throws {
        let error = try #require(throws: TemplateError.self) {
            try render("a\n{% for x in y %}\n{% if x %}\nbody")
        }
        #expect(error.message.contains("'if' block is never closed"))
        let note = try #require(error.diagnostic.notes.first)
        #expect(
            note.span.map { error.diagnostic.file?.location(of: $0.start) }
                == SourceLocation(line: 3, column: 1))
    }

    @Test func runtimeErrorInMacroNamesTheCallSite() throws {
        let error = try #require(throws: TemplateError.self) {
            try render("{% macro m(x) %}\n{{ x.a.b }}\n{% endmacro %}\n\n{{ m(none) }}")
        }
        #expect(error.location == SourceLocation(line: 2, column: 4))
        #expect(error.description.contains("in macro 'm' called here"))
        #expect(error.description.contains("t.sql:5:4"))
    }

    @Test func invalidUTF8NamesTheFirstBadByte() throws {
        let bytes: [UInt8] = Array("select 1\nselect ".utf8) + [0xFF] + Array(" 2".utf8)
        let error = try #require(throws: TemplateError.self) {
            try Environment().parse(bytes: bytes, name: "bad.sql")
        }
        #expect(error.location == SourceLocation(line: 2, column: 8))
        #expect(error.message.contains("offset 16"))
    }

    @Test func oneTemplateRendersOnManyThreadsAtOnce() throws {
        let template = try Environment().parse(
            "{% macro row(i) %}{{ i }}:{{ names | join(',') }}{% endmacro %}{% for i in range(n) %}{{ row(i) }};{% endfor %}",
            name: "t")
        let results = ResultBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let names = Value.list([.string("a"), .string("b\(index)")])
            results.set(index, try? template.render(["n": .int(50), "names": names]))
        }
        for index in 0..<16 {
            let expected = (0..<50).map { "\($0):a,b\(index);" }.joined()
            #expect(results.get(index) == expected)
        }
    }

    /// Thread-safe slots for results produced on many threads.
    final class ResultBox: @unchecked Sendable {
        private var values: [String?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: String?) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> String? { lock.withLock { values[index] } }
    }

    @Test func templateRendersManyTimesWithDifferentContexts() throws {
        let template = try Environment().parse("{{ a }}-{{ b | default(0) }}", name: "t")
        #expect(try template.render(["a": .int(1)]) == "1-0")
        #expect(try template.render(["a": .int(2), "b": .int(3)]) == "2-3")
    }
}
