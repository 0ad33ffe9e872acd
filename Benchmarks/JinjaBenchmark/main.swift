import Foundation
import Jinja

/// Parse and render timings for the Jinja engine, on the same inputs as `jinja2_bench.py`:
/// the conformance fixtures (non-error ones) and a realistic dbt-style macro library rendered
/// for two models. Prints one line per measurement; `Benchmarks/jinja_bench.sh` runs both
/// engines and prints them side by side.
struct Corpus {
    var fixtures: [(name: String, source: String, context: [String: Value])] = []
    var macroSource = ""
    var macroContext: [String: Value] = [:]

    static func load(root: URL) throws -> Corpus {
        var corpus = Corpus()
        let fixtureDirectory = root.appendingPathComponent("Tests/JinjaTests/Fixtures/conformance")
        let excluded = Set(
            try String(
                contentsOf: root.appendingPathComponent("Benchmarks/corpus/excluded_fixtures.txt"),
                encoding: .utf8
            ).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtureDirectory.path)
            .filter { $0.hasSuffix(".jinja") && !$0.hasPrefix("err_") && !excluded.contains($0) }.sorted()
        for name in names {
            let text = try String(contentsOf: fixtureDirectory.appendingPathComponent(name), encoding: .utf8)
            guard let separator = text.range(of: "\n---\n") else { continue }
            var context: [String: Value] = [:]
            if case .dict(let dict) = try Value.parseJSON(String(text[..<separator.lowerBound])) {
                for (key, value) in dict.pairs { context[key.pyStr] = value }
            }
            corpus.fixtures.append((name, String(text[separator.upperBound...]), context))
        }
        let corpusDirectory = root.appendingPathComponent("Benchmarks/corpus")
        corpus.macroSource =
            try String(contentsOf: corpusDirectory.appendingPathComponent("macros.sql"), encoding: .utf8)
            + (try String(contentsOf: corpusDirectory.appendingPathComponent("model.sql"), encoding: .utf8))
        if case .dict(let dict) = try Value.parseJSON(
            try String(contentsOf: corpusDirectory.appendingPathComponent("context.json"), encoding: .utf8))
        {
            for (key, value) in dict.pairs { corpus.macroContext[key.pyStr] = value }
        }
        return corpus
    }
}

/// The best of `repeats` runs of `body`, in seconds: the least disturbed by the machine's other work.
func best(of repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

let root = URL(
    fileURLWithPath: CommandLine.arguments.count > 1
        ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath)
let corpus = try Corpus.load(root: root)
let environment = Environment()
let repeats = 5

let parseFixtures = try best(of: repeats) {
    for fixture in corpus.fixtures { _ = try environment.parse(fixture.source, name: fixture.name) }
}
let parseMacros =
    try best(of: repeats) {
        for _ in 0..<20 { _ = try environment.parse(corpus.macroSource, name: "macros.sql") }
    } / 20

let templates = try corpus.fixtures.map { (try environment.parse($0.source, name: $0.name), $0.context) }
var renderFailures = 0
let renderFixtures = best(of: repeats) {
    renderFailures = 0
    for (template, context) in templates {
        do { _ = try template.render(context) } catch { renderFailures += 1 }
    }
}
// `jinja-bench ROOT profile-fixtures` only renders the fixtures, for a profiler to look at.
if CommandLine.arguments.count > 2 && CommandLine.arguments[2] == "profile-fixtures" {
    for _ in 0..<500 { for (template, context) in templates { _ = try? template.render(context) } }
    exit(0)
}
let macroTemplate = try environment.parse(corpus.macroSource, name: "macros.sql")
// `jinja-bench ROOT profile-render` only renders the macro file, for a profiler to look at.
if CommandLine.arguments.count > 2 && CommandLine.arguments[2] == "profile-render" {
    for _ in 0..<3000 { _ = try macroTemplate.render(corpus.macroContext) }
    exit(0)
}
let macroOutput = try macroTemplate.render(corpus.macroContext)
let renderMacros =
    try best(of: repeats) {
        for _ in 0..<20 { _ = try macroTemplate.render(corpus.macroContext) }
    } / 20

// Micro-benchmarks: one construct each, many times, to see where rendering spends its time.
var micro: [(String, Double)] = []
if case .dict(let cases) = try Value.parseJSON(
    try String(contentsOf: root.appendingPathComponent("Benchmarks/corpus/micro.json"), encoding: .utf8))
{
    for (name, source) in cases.pairs {
        let template = try environment.parse(source.pyStr, name: name.pyStr)
        // `jinja-bench ROOT profile-micro NAME` only renders that micro-benchmark, for a profiler.
        if CommandLine.arguments.count > 3, CommandLine.arguments[2] == "profile-micro" {
            guard CommandLine.arguments[3] == name.pyStr else { continue }
            for _ in 0..<200 { _ = try template.render() }
            exit(0)
        }
        micro.append((name.pyStr, try best(of: repeats) { _ = try template.render() }))
    }
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.3f", seconds * 1000) }
print("engine weir")
print("fixtures \(corpus.fixtures.count) (render errors: \(renderFailures))")
print("parse_fixtures_ms \(milliseconds(parseFixtures))")
print("render_fixtures_ms \(milliseconds(renderFixtures))")
print("parse_macro_file_ms \(milliseconds(parseMacros))")
print("render_macro_file_ms \(milliseconds(renderMacros))")
print("macro_output_bytes \(macroOutput.utf8.count)")
for (name, seconds) in micro { print("micro_\(name)_ms \(milliseconds(seconds))") }
