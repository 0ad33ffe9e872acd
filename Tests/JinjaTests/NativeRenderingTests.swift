import Testing

@testable import Jinja

/// `renderNative`, as dbt's native environment renders (expected values from dbt 1.11's
/// `get_rendered(text, {'x': 5}, native=True)`): one expression gives its value, except that an
/// expression Jinja2's compiler folds to a constant gives its text.
@Suite struct NativeRenderingTests {
    @Test(arguments: [
        ("{{ true }}", .string("True")), ("{{ 1 }}", .string("1")), ("{{ none }}", .string("None")), ("{{ 1 + 1 }}", .string("2")),
        ("{{ [1,2] }}", .string("[1, 2]")), ("{{ {\"a\": 1} }}", .string("{'a': 1}")), ("{{ (1, 2) }}", .string("(1, 2)")),
        ("{{ 1 if true else 2 }}", .string("1")), ("{{ false and x }}", .string("False")), ("{{ 1 is number }}", .string("True")),
        ("{{ (1,2)[0] }}", .string("1")), ("{{ \"ab\"[1:] }}", .string("b")), ("{{ [3,1] | sort }}", .string("[1, 3]")),
        ("{{ 1 / 0 if false else 3 }}", .string("3")),
        ("{{ x }}", .int(5)), ("{{ x * 2 }}", .int(10)), ("{{ true and x }}", .int(5)),
        ("{{ 1 if x else 2 }}", .int(1)), ("{{ x is defined }}", .bool(true)),
        ("{{ [x] }}", .list(PyList([.int(5)]))),
        ("{{ [1,2] | map(\"string\") | list }}", .list(PyList([.string("1"), .string("2")]))),
        ("a{{ x }}", .string("a5")),
    ] as [(String, Value)])
    func rendersAsDbtsNativeEnvironment(_ source: String, _ expected: Value) throws {
        let rendered = try Environment().parse(source, name: "native").renderNative(["x": .int(5)])
        #expect(rendered.pyRepr == expected.pyRepr)
        #expect(rendered.typeName == expected.typeName)
    }
}
