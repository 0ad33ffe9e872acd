import Foundation
import Jinja
import PythonModules
import Testing

/// The Swift-facing API: pinned clocks, `run_started_at` values, and rendering on many threads.
@Suite struct APITests {
    static let instant = Date(timeIntervalSince1970: 1_710_074_096.789012)

    func render(_ source: String, _ context: [String: Value] = [:], clock: @escaping PythonModules.Clock)
        throws
        -> String
    {
        var context = context
        context["modules"] = .dict(PythonModules.modules(clock: clock).map { ($0.key, $0.value) })
        return try Environment().parse(source, name: "test.jinja").render(context)
    }

    @Test func utcDatetimeIsAwareWithPytzUTC() throws {
        let output = try render(
            "{{ run_started_at }} {{ [run_started_at] }} {{ run_started_at.tzinfo.zone }}",
            ["run_started_at": PythonModules.utcDatetime(Self.instant)], clock: { Self.instant })
        #expect(
            output
                == "2024-03-10 12:34:56.789012+00:00 [datetime.datetime(2024, 3, 10, 12, 34, 56, 789012, tzinfo=<UTC>)] UTC"
        )
    }

    @Test func naiveUTCDatetime() throws {
        let output = try render(
            "{{ [value] }}", ["value": PythonModules.naiveUTCDatetime(Date(timeIntervalSince1970: 0))],
            clock: { Self.instant })
        #expect(output == "[datetime.datetime(1970, 1, 1, 0, 0)]")
    }

    @Test func clockIsReadOnEveryCall() throws {
        let ticks = Ticks()
        let output = try render(
            "{{ modules.datetime.datetime.utcnow() }} {{ modules.datetime.datetime.utcnow() }}",
            clock: { ticks.next() })
        #expect(output == "1970-01-01 00:00:01 1970-01-01 00:00:02")
    }

    @Test func rendersOnManyThreads() throws {
        let template = try Environment().parse(
            """
            {{ modules.pytz.timezone('Europe/Paris').localize(modules.datetime.datetime(2024, 7, 1)) }} \
            {{ modules.re.sub('(\\\\d+)', '<\\\\1>', 'a1b22') }} \
            {{ modules.itertools.product('ab', [1]) }}
            """, name: "threads.jinja")
        let context: [String: Value] = [
            "modules": .dict(PythonModules.modules(clock: { Self.instant }).map { ($0.key, $0.value) })
        ]
        let expected = "2024-07-01 00:00:00+02:00 a<1>b<22> [('a', 1), ('b', 1)]"
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            results.append((try? template.render(context)) ?? "failed")
        }
        #expect(results.values == Array(repeating: expected, count: 16))
    }
}

/// A clock that advances one second per reading.
private final class Ticks: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Date {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return Date(timeIntervalSince1970: Double(count))
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String] = []

    func append(_ value: String) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    /// YAML 1.1 timestamps as PyYAML's `safe_load` reads plain scalars (each checked there):
    /// what it prints, or nil when the text stays a string.
    @Test(arguments: [
        ("2024-03-01", "2024-03-01"), ("2024-03-01  10:20:30", "2024-03-01 10:20:30"),
        ("2024-03-01 10:20:30 Z", "2024-03-01 10:20:30+00:00"), ("2024-03-01 10:20:30.", "2024-03-01 10:20:30"),
        ("2024-3-1 1:02:03.1234567-7", "2024-03-01 01:02:03.123456-07:00"), ("2024-03-01 10:20", nil),
        ("20240-03-01", nil), ("2024-03-01T10:20:30+05:3", nil), ("2024-3-1", nil), ("2024-03-01 ", nil),
    ] as [(String, String?)])
    func yamlTimestamps(_ text: String, _ printed: String?) throws {
        #expect(try YAMLTimestamp.value(text)?.pyStr == printed)
        #expect(YAMLTimestamp.matches(text) == (printed != nil))
    }

    /// A timestamp naming no real day or time fails, as PyYAML's `ValueError` fails the load.
    @Test func anImpossibleTimestampIsAnError() {
        #expect(throws: (any Error).self) { try YAMLTimestamp.value("2024-02-30") }
        #expect(throws: (any Error).self) { try YAMLTimestamp.value("2024-03-01 24:00:00") }
        #expect(YAMLTimestamp.matches("2024-02-30"))
    }
}
