import Foundation
import Jinja
import Testing

/// Mutated templates must never crash the engine: they parse and render, or fail with a
/// `TemplateError`. (The coverage-guided fuzzer in `Scripts/fuzz_jinja.sh` goes further; this
/// bounded run keeps the property in the everyday suite.)
@Suite struct RobustnessTests {
    /// Inputs the fuzzer (`Scripts/fuzz_jinja.sh`) once crashed on; each must now fail cleanly.
    @Test(arguments: [
        "{{ lipsum(3, false, 5, 6) }}{{ lipsum(1, false, -5, -1) }}",
        "{{ lipsum(1, false, 5, 4) }}",
        "{{ lipsum(1000000000) }}",
        "{{ 11 ** 4211101111111111130 }}{{ (-1) ** 4211101111111111131 }}{{ 0 ** 99999999999999999999 }}",
        "{{ 5678901234467890 * '' }}{{ 'ab' * 4611686018427387904 }}{{ [] * 9223372036854775807 }}",
    ])
    func fuzzerFindingsFailCleanly(_ source: String) {
        _ = try? Environment().parse(source, name: "finding").render()
    }

    @Test func mutatedFixturesNeverCrash() throws {
        let environment = Environment()
        environment.limits.maxLoopIterations = 20_000
        environment.limits.maxCallDepth = 60
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
        let pieces: [[UInt8]] = [
            "{{", "}}", "{%", "%}", "{#", "#}", "-", "(", ")", "[", "]", "'", "\"", "\\", "|", ".", "endfor",
            "for x in", "if", "macro m(", "0x", "1e", "**", "\u{FF}", "\n",
        ].map { Array($0.utf8) }
        let sources = ConformanceTests.fixtureNames.compactMap { try? ConformanceTests.load($0).source }
        try #require(!sources.isEmpty)
        var rendered = 0
        for round in 0..<4000 {
            var bytes = Array(sources[round % sources.count].utf8)
            for _ in 0..<(1 + next(4)) {
                let position = next(bytes.count + 1)
                switch next(3) {
                case 0: bytes.insert(contentsOf: pieces[next(pieces.count)], at: position)
                case 1: if position < bytes.count { bytes.remove(at: position) }
                default: if position < bytes.count { bytes[position] = UInt8(next(256)) }
                }
            }
            if let template = try? environment.parse(bytes: bytes, name: "mutant"),
                (try? template.render()) != nil
            {
                rendered += 1
            }
        }
        #expect(rendered > 0)
    }
}
