import Foundation
import Jinja
import PythonModules
import Testing

/// The fixtures in `Fixtures/`: each `<name>.jinja` holds a JSON context, a `---` line and a
/// template that uses `modules`; `<name>.out` is what Jinja2 rendered with Python 3.11's own
/// modules (`Scripts/generate_python_modules_fixtures.py`). `err_*` fixtures must fail, and
/// `<name>.err` holds Python's `ExceptionClass: message`.
@Suite struct FixtureTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The instant the generator pins Python's clock to: 2024-03-10 12:34:56.789012 UTC.
    static let clock: PythonModules.Clock = { Date(timeIntervalSince1970: 1_710_074_096.789012) }

    static let fixtureNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".jinja") }.map { String($0.dropLast(6)) }.sorted()
    }()

    /// Fixtures where Weir deliberately differs from Python, each in the README. They still run:
    /// the test fails if one starts to match, so the list stays true.
    static let knownDifferences: [String: String] = [:]

    static func load(_ name: String) throws -> (context: [String: Value], source: String) {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).jinja"), encoding: .utf8)
        guard
            let separator = text.range(of: "\n---\n")
                ?? (text.hasPrefix("---\n") ? text.range(of: "---\n") : nil)
        else { throw FixtureError(message: "\(name).jinja has no '---' line") }
        var context: [String: Value] = [:]
        let json = String(text[..<separator.lowerBound])
        if case .dict(let dict) = try Value.parseJSON(json.isEmpty ? "{}" : json) {
            for (key, value) in dict.pairs { context[key.pyStr] = value }
        }
        context["modules"] = .dict(PythonModules.modules(clock: clock).map { ($0.key, $0.value) })
        return (context, String(text[separator.upperBound...]))
    }

    @Test func corpusCoversEveryModule() {
        for prefix in ["datetime_", "re_", "pytz_", "itertools_", "err_"] {
            #expect(Self.fixtureNames.filter { $0.hasPrefix(prefix) }.count >= 5, "\(prefix)")
        }
    }

    @Test(arguments: fixtureNames.filter { !$0.hasPrefix("err_") })
    func rendersLikePython(_ name: String) throws {
        let (context, source) = try Self.load(name)
        let expected = try String(
            contentsOf: Self.directory.appendingPathComponent("\(name).out"), encoding: .utf8)
        var output: String?
        do {
            output = try Environment().parse(source, name: "\(name).jinja").render(context)
        } catch let error as TemplateError {
            if Self.knownDifferences[name] == nil { Issue.record("\(name) failed:\n\(error.description)") }
        }
        if let reason = Self.knownDifferences[name] {
            #expect(
                output != expected, "\(name) now matches Python; remove it from knownDifferences (\(reason))")
        } else if let output {
            #expect(output == expected, "\(name)")
        }
    }

    @Test(arguments: fixtureNames.filter { $0.hasPrefix("err_") })
    func failsLikePython(_ name: String) throws {
        let (context, source) = try Self.load(name)
        let expected = try String(
            contentsOf: Self.directory.appendingPathComponent("\(name).err"), encoding: .utf8
        )
        .trimmingCharacters(in: .newlines)
        guard let colon = expected.range(of: ": ") else {
            throw FixtureError(message: "\(name).err: no ': '")
        }
        let exception = String(expected[..<colon.lowerBound])
        let message = String(expected[colon.upperBound...])
        do {
            let output = try Environment().parse(source, name: "\(name).jinja").render(context)
            Issue.record("\(name) rendered \(output.debugDescription) but Python raises \(expected)")
        } catch let error as TemplateError {
            guard let failure = error.failure else {
                Issue.record("\(name): not a runtime failure: \(error.description)")
                return
            }
            #expect(failure.message == message, "\(name)")
            #expect(Self.kind(failure) == Self.kind(exception), "\(name): \(failure) for \(exception)")
        }
    }

    /// Python's exception classes as the engine's failure kinds.
    static func kind(_ exception: String) -> String {
        switch exception {
        case "TypeError": return "type"
        case "ZeroDivisionError": return "zeroDivision"
        case "UndefinedError": return "undefined"
        default: return "value"
        }
    }

    static func kind(_ failure: RuntimeFailure) -> String {
        switch failure {
        case .type: return "type"
        case .zeroDivision: return "zeroDivision"
        case .undefined: return "undefined"
        default: return "value"
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
