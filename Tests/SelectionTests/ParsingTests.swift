import ProjectModel
import Testing

@testable import Selection

/// How one criterion string is read, and the two matchers under the methods.
@Suite struct ParsingTests {
    struct Parsed: Equatable, CustomStringConvertible {
        var method: SelectionMethod
        var value: String
        var at = false
        var parents: Int?? = .none
        var children: Int?? = .none

        var description: String {
            "\(method) \(value) @\(at) parents \(String(describing: parents)) children \(String(describing: children))"
        }
    }

    static func parse(_ raw: String) throws -> Parsed {
        let criterion = try SelectionCriterion(parsing: raw, origin: "--select")
        return Parsed(
            method: criterion.method, value: criterion.stringValue, at: criterion.childrensParents,
            parents: criterion.parents ? .some(criterion.parentsDepth) : .none,
            children: criterion.children ? .some(criterion.childrenDepth) : .none)
    }

    @Test(arguments: [
        ("stg_orders", Parsed(method: .fqn, value: "stg_orders")),
        ("+stg_orders", Parsed(method: .fqn, value: "stg_orders", parents: .some(nil))),
        ("2+stg_orders", Parsed(method: .fqn, value: "stg_orders", parents: 2)),
        ("stg_orders+", Parsed(method: .fqn, value: "stg_orders", children: .some(nil))),
        ("stg_orders+3", Parsed(method: .fqn, value: "stg_orders", children: 3)),
        ("12+tag:nightly+0", Parsed(method: .tag, value: "nightly", parents: 12, children: 0)),
        ("@source:raw.orders", Parsed(method: .source, value: "raw.orders", at: true)),
        ("@1+fct_orders", Parsed(method: .fqn, value: "fct_orders", at: true, parents: 1)),
        ("config.meta.owner:finance", Parsed(method: .config(keyPath: ["meta", "owner"]), value: "finance")),
        // Inferred methods: a `/` makes a path, a .sql/.py/.csv file name a file.
        ("models/staging", Parsed(method: .path, value: "models/staging")),
        ("models/staging+", Parsed(method: .path, value: "models/staging", children: .some(nil))),
        ("fct_orders.sql", Parsed(method: .file, value: "fct_orders.sql")),
        ("Seed.CSV", Parsed(method: .file, value: "Seed.CSV")),
        ("model.py", Parsed(method: .file, value: "model.py")),
        // The value is as short as it can be, so only a final `+digits` is an operator.
        ("a+b", Parsed(method: .fqn, value: "a+b")),
        ("a++", Parsed(method: .fqn, value: "a+", children: .some(nil))),
        ("a+2x", Parsed(method: .fqn, value: "a+2x")),
        ("2a", Parsed(method: .fqn, value: "2a")),
        // A method is word characters and dots before the first `:`.
        ("path:models/a:b", Parsed(method: .path, value: "models/a:b")),
        ("a/b:c", Parsed(method: .path, value: "a/b:c")),
        ("tag:", Parsed(method: .tag, value: "")),
        ("metric:revenue", Parsed(method: .semantic(.metric), value: "revenue")),
        ("unit_test:x", Parsed(method: .unitTest, value: "x")),
        (
            "state:modified+",
            Parsed(method: .state, value: "modified", children: .some(nil))
        ),
    ])
    func criterion(raw: String, expected: Parsed) throws {
        #expect(try Self.parse(raw) == expected)
    }

    @Test(arguments: [
        ("*", "anything.at/all", true),
        ("*", "", true),
        ("stg_*", "stg_orders", true),
        ("stg_*", "int_stg", false),
        ("?", "a", true),
        ("?", "ab", false),
        ("a?c", "abc", true),
        ("[abc]x", "bx", true),
        ("[!abc]x", "bx", false),
        ("[!abc]x", "dx", true),
        ("[a-c]", "b", true),
        ("[a-c]", "d", false),
        ("[c-a]", "b", false),
        ("[!c-a]", "b", true),
        ("[]]", "]", true),
        ("[!]]", "a", true),
        ("[a-]", "-", true),
        ("[-a]", "-", true),
        ("[", "[", true),
        ("a[b", "a[b", true),
        ("[^a]", "^", true),
        ("*.*", "a.b", true),
        ("*a*a*a*", "aaa", true),
        ("*a*a*a*", "aa", false),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyyd", false),
        ("ABC", "abc", false),
    ])
    func wildcardPattern(pattern: String, text: String, matches: Bool) {
        #expect(WildcardPattern(pattern).matches(text) == matches)
    }

    static let files = ProjectFiles(paths: [
        "models/staging/stg_orders.sql", "models/staging/schema.yml", "models/marts/core/fct_orders.sql",
        "models/top.sql", "seeds/raw.csv",
    ])

    @Test(
        arguments: [
            ("models", ["models"]),
            ("models/", ["models"]),
            ("./models//staging", ["models/staging"]),
            ("models/staging/stg_orders.sql", ["models/staging/stg_orders.sql"]),
            ("models/staging/stg_orders.sql/", []),
            ("models/stag", []),
            ("models/*", ["models/staging", "models/marts", "models/top.sql"]),
            ("models/*/", ["models/staging", "models/marts"]),
            ("*/*.sql", ["models/top.sql"]),
            ("models/**", ["models", "models/staging", "models/marts", "models/marts/core"]),
            (
                "**/*.sql",
                ["models/staging/stg_orders.sql", "models/marts/core/fct_orders.sql", "models/top.sql"]
            ),
            ("**", ["", "models", "models/staging", "models/marts", "models/marts/core", "seeds"]),
            ("/models", []),
            ("", []),
        ] as [(String, Set<String>)])
    func pathGlob(pattern: String, expected: Set<String>) {
        #expect(Self.files.glob(pattern) == expected)
    }
}
