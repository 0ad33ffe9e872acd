import Diagnostics
import ProjectLoading
import ProjectModel
import Testing

/// YAML reads as PyYAML's `safe_load` reads it, because dbt users' YAML is written against it.
@Suite struct YAMLReaderTests {
    private func scalar(_ text: String) throws -> ConfigValue {
        try YAMLReader.parse(SourceFile(name: "t.yml", text: "k: \(text)\n"))["k"]?.scalar ?? .string("<missing>")
    }

    @Test(arguments: [
        ("yes", ConfigValue.bool(true)), ("Off", .bool(false)), ("true", .bool(true)), ("~", .null), ("", .null),
        ("42", .int(42)), ("-7", .int(-7)), ("0x1F", .int(31)), ("010", .int(8)), ("1_000", .int(1000)),
        ("1.5", .double(1.5)), ("1.0e+3", .double(1000)), ("1e3", .string("1e3")), ("'yes'", .string("yes")),
        ("2024-01-01", .string("2024-01-01")), ("\"{{ var('x') }}\"", .string("{{ var('x') }}")),
        (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)), ("+.INF", .double(.infinity)), ("NULL", .null),
        ("FALSE", .bool(false)), ("ON", .bool(true)), ("none", .string("none")), ("nullish", .string("nullish")),
        ("offset", .string("offset")), ("True!", .string("True!")),
    ])
    func plainScalarsResolveAsPyYAML(_ text: String, _ expected: ConfigValue) throws {
        #expect(try scalar(text) == expected)
    }

    /// A tree knows whether any string in it holds a brace (what YAML rendering looks for).
    @Test func aTreeKnowsWhetherAStringInItMayBeJinja() throws {
        let yaml = try YAMLReader.parse(
            SourceFile(name: "t.yml", text: "models:\n  - name: a\n    columns:\n      - name: id\n        description: \"{{ doc('id') }}\"\n  - name: b\n    meta: {owner: x, size: 3}\n"))
        let models = try #require(yaml["models"]?.items)
        #expect(yaml.mayHoldJinja)
        #expect(models[0].mayHoldJinja)
        #expect(models[0]["columns"]?.items?[0]["description"]?.mayHoldJinja == true)
        #expect(models[0]["name"]?.mayHoldJinja == false)
        #expect(!models[1].mayHoldJinja)
        #expect(!YAMLNode(.scalar(.int(3)), span: .at(0)).mayHoldJinja)
    }

    @Test func mergeKeysAndOrderAreKept() throws {
        let yaml = try YAMLReader.parse(
            SourceFile(
                name: "t.yml",
                text: "base: &base {a: 1, b: 2}\nchild:\n  <<: *base\n  b: 3\n  c: 4\n"))
        #expect(yaml["child"]?.entries?.map(\.key) == ["a", "b", "c"])
        #expect(yaml["child"]?["b"]?.scalar == .int(3))
    }

    @Test func aliasesStandForTheNodeTheirAnchorNamed() throws {
        let yaml = try YAMLReader.parse(
            SourceFile(name: "t.yml", text: "defaults: &d [a, b]\nkeys: &k key\nlist: *d\n*k : 1\n"))
        #expect(yaml["list"]?.items?.map(\.value) == [.string("a"), .string("b")])
        #expect(yaml["list"]?.span.start == yaml["defaults"]?.span.start)
        #expect(yaml["key"]?.scalar == .int(1))
    }

    /// libyaml counts columns in characters; spans are UTF-8 offsets.
    @Test func spansAreUTF8OffsetsPastWideCharacters() throws {
        let yaml = try YAMLReader.parse(SourceFile(name: "t.yml", text: "é: 'ü'\nk: v\n"))
        #expect(yaml.entries?.map(\.keySpan.start) == [0, 9])
        #expect(yaml["é"]?.span == SourceSpan(start: 4, end: 6))
        #expect(yaml["k"]?.span.start == 12)
    }

    @Test(arguments: [
        ("models:\n  - name: a\n    description: x\n    description: y\n",
         "duplicate key 'description' in a mapping", (3, 5)),
        ("b: 1\na: 1\nb: 2\na: 2\n", "duplicate keys 'a', 'b' in a mapping", (2, 1)),
        ((0..<20).map { "k\($0): 1\n" }.joined() + "k3: 2\n", "duplicate key 'k3' in a mapping", (4, 1)),
        ("a: *nowhere\n", "invalid YAML: found undefined alias", (1, 4)),
        ("a: 1\n---\nb: 2\n", "invalid YAML: expected a single document in the stream, but found another document",
         (2, 1)),
        ("a: 'é\n", "invalid YAML: found unexpected end of stream (while scanning a quoted scalar)",
         (2, 1)),
        ("a: \u{7}\n", "invalid YAML: control characters are not allowed", (1, 4)),
    ])
    func badYAMLIsOneDiagnosticAtItsPosition(_ text: String, _ message: String, _ position: (line: Int, column: Int)) {
        #expect {
            _ = try YAMLReader.parse(SourceFile(name: "models/schema.yml", text: text))
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.message == message && diagnostic.location?.line == position.line
                && diagnostic.location?.column == position.column
        }
    }

    @Test func syntaxErrorsNameTheLineAndColumn() {
        let file = SourceFile(name: "models/schema.yml", text: "models:\n  - name: 'orders\n    description: x\n")
        #expect {
            _ = try YAMLReader.parse(file)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code == "W0101" && diagnostic.location != nil && diagnostic.file?.name == "models/schema.yml"
        }
    }
}

@Suite struct ProjectReaderTests {
    @Test func collectsEveryKindOfResourceFile() throws {
        let fileSystem = InMemoryFileSystem(files: [
            "p/models/staging/stg_users.sql": "select 1",
            "p/models/staging/_staging.yml": "models: []",
            "p/macros/m.sql": "{% macro m() %}{% endmacro %}",
            "p/tests/generic/is_even.sql": "{% test is_even(model, column_name) %}{% endtest %}",
            "p/tests/assert_one.sql": "select 1 where false",
            "p/tests/fixtures/unit_rows.sql": "select 1 as id",
            "p/seeds/raw.csv": "id\n1\n",
            "p/models/docs.md": "{% docs x %}X{% enddocs %}",
            "p/models/.hidden/ignored.sql": "select 2",
        ])
        let files = try ProjectReader(fileSystem: fileSystem).collectFiles(in: "p", config: ProjectConfig(name: "p"))
        #expect(files.models.map(\.originalFilePath) == ["models/staging/stg_users.sql"])
        #expect(files.models.first?.path == "staging/stg_users.sql")
        #expect(Set(files.macros.map(\.originalFilePath)) == ["macros/m.sql", "tests/generic/is_even.sql"])
        #expect(files.singularTests.map(\.originalFilePath) == ["tests/assert_one.sql"])
        #expect(files.seeds.map(\.originalFilePath) == ["seeds/raw.csv"])
        #expect(files.properties.map(\.originalFilePath) == ["models/staging/_staging.yml"])
        #expect(files.docs.map(\.originalFilePath) == ["models/docs.md"])
    }

    @Test func aMissingProjectFileSaysWhatToDo() {
        #expect {
            _ = try ProjectReader(fileSystem: InMemoryFileSystem()).readProjectFile(in: "nowhere")
        } throws: { error in
            (error as? Diagnostic)?.help?.contains("--project-dir") == true
        }
    }
}
