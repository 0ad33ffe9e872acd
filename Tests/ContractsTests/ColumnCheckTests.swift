import Contracts
import Diagnostics
import ProjectLoading
import ProjectModel
import Testing

/// The vocabulary of the issue's example, as a project would write it in weir.yml.
let exampleWeirFile = """
    column_vocabulary:
      separator: "_"
      case: lower
      levels:
        - name: measure
          stubs:
            id:   {types: [integer, text], tests: [not_null]}
            ind:  {types: [integer, boolean], tests: [{accepted_values: {values: [0, 1]}}]}
            n:    {types: [integer], tests: [not_null, non_negative]}
            amt:  {types: [numeric, integer]}
            val:  {types: [numeric]}
            dt:   {types: [date]}
            ts:   {types: [timestamp]}
            cat:  {types: [text]}
            nm:   {types: [text]}
        - name: subject
          stubs: [user, session, song, artist, event, page]

    """

func vocabulary(_ text: String = exampleWeirFile) throws -> ColumnVocabulary {
    let file = SourceFile(name: "weir.yml", text: text)
    return try #require(try ColumnVocabulary(weirFile: try YAMLReader.parse(file), file: file))
}

@Suite("Column names against the vocabulary")
struct ColumnCheckTests {
    let model = SourceFile(name: "models/fct_plays.sql", text: """
        select
            user_id as id_user,
            count(*) as amount_plays,
            max(played_at) as ts_event
        from {{ ref('stg_plays') }}
        group by 1

        """)

    func check(_ column: String, type: String? = nil, adapter: String = "postgres", enforced: Bool = true) throws -> [Diagnostic] {
        let checker = ColumnCheck(vocabulary: try vocabulary(), adapterType: adapter)
        return checker.check(column: column, warehouseType: type, in: .init(name: "fct_plays", file: model, enforced: enforced))
    }

    @Test("names made of stubs pass, with or without the optional level")
    func validNames() throws {
        #expect(try check("id_user", type: "integer").isEmpty)
        #expect(try check("n", type: "bigint").isEmpty)
        #expect(try check("ts_event", type: "timestamp without time zone").isEmpty)
    }

    @Test("an unknown first part names the closest stub and the line that produces the column")
    func unknownMeasure() throws {
        let problems = try check("amount_plays", type: "bigint")
        let problem = try #require(problems.first { $0.code == "W1902" })
        #expect(problem.severity == .error)
        #expect(problem.message == "column 'amount_plays' of model 'fct_plays' starts a part with 'amount', which is not a measure stub")
        #expect(problem.help == "did you mean 'amt'? the measure stubs are id, ind, n, amt, val, dt, ts, cat, nm; or add 'amount' to the measure level in weir.yml")
        #expect(problem.location == SourceLocation(line: 3, column: 17))
    }

    @Test("a typo gets a suggestion: a stub the part starts with, else one within two edits or abbreviating it", arguments: [
        ("tss", Optional("ts")), ("amount", "amt"), ("plays", nil), ("num", "n"), ("cnt", "cat"),
    ])
    func suggestions(part: String, suggested: String?) throws {
        let problems = try check("\(part)_user")
        #expect(problems.first?.help?.hasPrefix("did you mean '\(suggested ?? "")'") == (suggested != nil))
    }

    @Test("an unknown later part is checked against its own level")
    func unknownSubject() throws {
        let problems = try check("n_plays", type: "integer")
        #expect(problems.map(\.message) == ["column 'n_plays' of model 'fct_plays' starts a part with 'plays', which is not a subject stub"])
        #expect(problems.first?.help?.contains("did you mean") == false)
    }

    @Test("more parts than levels")
    func tooManyParts() throws {
        let problems = try check("n_user_song", type: "integer")
        #expect(problems.map(\.code) == ["W1903"])
        #expect(problems.first?.message == "column 'n_user_song' of model 'fct_plays' has 3 parts but the vocabulary has 2 levels (measure, subject)")
    }

    @Test("letter case")
    func letterCase() throws {
        let problems = try check("N_user", type: "integer")
        #expect(problems.map(\.code) == ["W1901"])
        #expect(problems.first?.help == "rename it 'n_user' (weir.yml asks for case: lower)")
    }

    @Test("a type the first stub does not allow, with the stubs that would fit")
    func contradictingType() throws {
        let problems = try check("ts_event", type: "date")
        #expect(problems.map(\.message) == ["column 'ts_event' of model 'fct_plays' is date, but its measure stub 'ts' allows timestamp"])
        #expect(problems.first?.help == "cast it to timestamp where the model selects it, or name it with a measure stub for date values: dt")
        #expect(problems.first?.location == SourceLocation(line: 4, column: 23))
    }

    @Test("warn instead of enforce gives warnings")
    func warnings() throws {
        #expect(try check("amount_plays", type: "bigint", enforced: false).map(\.severity) == [.warning, .warning])
    }

    @Test("SQLite: only what the warehouse rules out is reported", arguments: [
        ("dt_user", "NUM", true), ("dt_user", "TEXT", true), ("ts_user", "", true), ("ind_user", "INT", true),
        ("n_user", "TEXT", false), ("val_user", "INT", false), ("cat_user", "REAL", false),
    ])
    func sqliteAffinities(column: String, type: String, passes: Bool) throws {
        #expect(try check(column, type: type, adapter: "sqlite").isEmpty == passes)
    }

    @Test("an unknown type is not judged")
    func unknownType() throws {
        #expect(try check("n_user", type: "jsonb").isEmpty)
        #expect(try check("n_user", type: nil).isEmpty)
    }
}

@Suite("Reading column_vocabulary from weir.yml")
struct ColumnVocabularyTests {
    @Test("a file without the key has no vocabulary")
    func absent() throws {
        let file = SourceFile(name: "weir.yml", text: "other: 1\n")
        #expect(try ColumnVocabulary(weirFile: try YAMLReader.parse(file), file: file) == nil)
    }

    @Test("stubs keep their tests as YAML and their types")
    func stubs() throws {
        let vocabulary = try vocabulary()
        let n = try #require(vocabulary.firstStub(of: "n_user"))
        #expect(n.types == [.integer])
        #expect(n.tests.compactMap(\.string) == ["not_null", "non_negative"])
        #expect(vocabulary.levels.map(\.name) == ["measure", "subject"])
        #expect(vocabulary.firstStub(of: "x_user") == nil)
    }

    @Test("mistakes name the line in weir.yml", arguments: [
        ("column_vocabulary:\n  levels: []\n", "weir.yml: 'levels' must list at least one level", 2),
        ("column_vocabulary:\n  case: title\n  levels: [{name: m, stubs: [n]}]\n", "weir.yml: 'case' must be lower, upper or any", 2),
        ("column_vocabulary:\n  levels:\n    - name: m\n      stubs: {n: {types: [int]}}\n", "weir.yml: 'int' is not a type category", 4),
        ("column_vocabulary:\n  levels:\n    - name: m\n", "weir.yml: the first level must list its stubs", 3),
    ])
    func mistakes(text: String, message: String, line: Int) throws {
        let file = SourceFile(name: "weir.yml", text: text)
        let error = #expect(throws: Diagnostic.self) { try ColumnVocabulary(weirFile: try YAMLReader.parse(file), file: file) }
        #expect(error?.message == message)
        #expect(error?.code == "W1900")
        #expect(error?.location?.line == line)
    }
}
