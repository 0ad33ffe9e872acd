import Artifacts
import Testing

@Suite("JSONValue(parsing:)")
struct JSONParsingTests {
    @Test("reads back what the writer wrote, key order included")
    func roundTrip() throws {
        let value: JSONValue = [
            "z": 1, "a": [true, false, nil, 1.5, -2, "é\u{1F600}\n\"\\"],
            "m": ["k": ["nested": []], "e": [:]],
            "big": 1e300, "neg": -0.25,
        ]
        let parsed = try JSONValue(parsing: value.serializedBytes())
        #expect(parsed == value)
        #expect(parsed.objectValue?.keys == ["z", "a", "m", "big", "neg"])
    }

    @Test("Python's NaN and infinities, escapes and surrogate pairs")
    func pythonExtras() throws {
        let parsed = try JSONValue(
            parsing: Array(#"[NaN, Infinity, -Infinity, "\ud83d\ude00\u00e9\/", 12345678901234567890]"#.utf8))
        let items = try #require(parsed.arrayValue)
        if case .double(let nan) = items[0] { #expect(nan.isNaN) } else { Issue.record("NaN is \(items[0])") }
        #expect(items[1] == .double(.infinity))
        #expect(items[2] == .double(-.infinity))
        #expect(items[3] == .string("\u{1F600}é/"))
        #expect(items[4] == .double(12_345_678_901_234_567_168))
    }

    @Test(
        "rejects broken documents with the offset",
        arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "[1] 2", "01x"])
    func rejects(_ text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }

    @Test("refuses absurd nesting instead of exhausting the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: Array(text.utf8)) }
    }
}
