import Diagnostics
import Foundation
import Jinja
import Testing

/// The fixture corpus in `Fixtures/conformance`: each `<name>.jinja` holds a JSON context, a
/// `---` line and a template; `<name>.out` is what Python's Jinja2 3.1 rendered under dbt's
/// settings (`Scripts/generate_jinja_fixtures.py` regenerates it). `err_*` fixtures must fail;
/// their `.diag` file is Weir's rendered diagnostic (set `WEIR_UPDATE_SNAPSHOTS=1` to rewrite).
@Suite struct ConformanceTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/conformance")

    static let fixtureNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".jinja") }.map { String($0.dropLast(6)) }.sorted()
    }()

    static func load(_ name: String) throws -> (context: [String: Value], source: String) {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).jinja"), encoding: .utf8)
        guard
            let separator = text.range(of: "\n---\n")
                ?? (text.hasPrefix("---\n") ? text.range(of: "---\n") : nil)
        else {
            throw FixtureError(message: "\(name).jinja has no '---' line")
        }
        var context: [String: Value] = [:]
        let json = String(text[..<separator.lowerBound])
        if case .dict(let dict) = try Value.parseJSON(json.isEmpty ? "{}" : json) {
            for (key, value) in dict.pairs { context[key.pyStr] = value }
        }
        return (context, String(text[separator.upperBound...]))
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.fixtureNames.count >= 400)
        #expect(Self.fixtureNames.filter { $0.hasPrefix("err_") }.count >= 40)
    }

    /// Fixtures where Weir deliberately differs from Jinja2, each listed in COMPATIBILITY.md.
    /// They are still run: the test fails if one starts to match, so this list stays true.
    static let knownDifferences: [String: String] = [
        "autoescape_block": "no {% autoescape %} tag (no Markup type)",
        "autoescape_block_false": "no {% autoescape %} tag (no Markup type)",
        "filter_escape_markup_not_double": "no Markup type: escaping twice escapes twice",
        "filter_safe": "no Markup type: Markup + str does not escape",
        "filter_safe_length_type": "no Markup type: `is string` of a safe value",
        "fmt_markup_escapes_args": "no Markup type: % on Markup does not escape",
        "test_escaped": "no Markup type: nothing is `escaped`",
        "value_markup_in_list": "no Markup type: repr shows a plain str",
        "value_range_object": "range() returns a list, printed as [...]",
    ]

    @Test(arguments: fixtureNames.filter { !$0.hasPrefix("err_") })
    func rendersLikeJinja2(_ name: String) throws {
        let (context, source) = try Self.load(name)
        let expected = try String(
            contentsOf: Self.directory.appendingPathComponent("\(name).out"), encoding: .utf8)
        let environment = Environment()
        let output: String?
        do {
            output = try environment.parse(source, name: "\(name).jinja").render(context)
        } catch let error as TemplateError {
            output = nil
            if Self.knownDifferences[name] == nil { Issue.record("\(name) failed:\n\(error.description)") }
        }
        if let reason = Self.knownDifferences[name] {
            #expect(
                output != expected, "\(name) now matches Jinja2; remove it from knownDifferences (\(reason))")
        } else if let output {
            #expect(output == expected, "\(name)")
        }
    }

    @Test(arguments: fixtureNames.filter { $0.hasPrefix("err_") })
    func failsWithDiagnostic(_ name: String) throws {
        let (context, source) = try Self.load(name)
        let environment = Environment()
        do {
            let output = try environment.parse(source, name: "\(name).jinja").render(context)
            Issue.record("\(name) rendered \(output.debugDescription) but Jinja2 raises an error")
        } catch let error as TemplateError {
            let rendered = error.description
            let snapshot = Self.directory.appendingPathComponent("\(name).diag")
            if ProcessInfo.processInfo.environment["WEIR_UPDATE_SNAPSHOTS"] == "1" {
                try rendered.write(to: snapshot, atomically: true, encoding: .utf8)
            } else {
                let expected = try? String(contentsOf: snapshot, encoding: .utf8)
                #expect(rendered == expected, "\(name): run with WEIR_UPDATE_SNAPSHOTS=1 to record")
            }
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
