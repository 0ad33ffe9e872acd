import Foundation
import Testing

@testable import Artifacts

@Suite struct JSONWriterTests {
    @Test func escapesStringsAsPythonJSONWithEnsureASCII() {
        let value: JSONValue = .string("\"\\\n\r\t\u{08}\u{0c}\u{01}\u{1f}\u{7f} é€😀\u{2028} /<>&")
        #expect(
            value.serialized()
                == #""\"\\\n\r\t\b\f\u0001\u001f\u007f \u00e9\u20ac\ud83d\ude00\u2028 /<>&""#)
    }

    /// Plain text is scanned eight bytes at a time: a character to escape is found wherever it
    /// falls in a word, and at the end.
    @Test func escapesWhereverTheCharacterFalls() {
        let escapes: [(Character, String)] = [
            ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1f}", #"\u001f"#), ("\u{7f}", #"\u007f"#),
            ("é", #"\u00e9"#), (" ", " "), ("~", "~"),
        ]
        for (character, escaped) in escapes {
            for length in [1, 7, 8, 9, 16, 23] {
                for position in 0..<length {
                    var text = String(repeating: "a", count: length)
                    text.replaceSubrange(text.index(text.startIndex, offsetBy: position)...text.index(text.startIndex, offsetBy: position), with: String(character))
                    let expected = "\"" + String(repeating: "a", count: position) + escaped
                        + String(repeating: "a", count: length - position - 1) + "\""
                    #expect(JSONValue.string(text).serialized() == expected, "\(character.debugDescription) at \(position) of \(length)")
                }
            }
        }
    }

    @Test(arguments: [
        (0.1, "0.1"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
        (1.5, "1.5"), (-0.0, "-0.0"), (0.0, "0.0"), (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (123456789.123, "123456789.123"),
        (1e22, "1e+22"),
        (100.0, "100.0"), (0.30000000000000004, "0.30000000000000004"),
        (1718034000.035617, "1718034000.035617"),
        (-2.5e-7, "-2.5e-07"), (12345678901234567890.0, "1.2345678901234567e+19"),
        (9007199254740993.0, "9007199254740992.0"), (Double.nan, "NaN"), (Double.infinity, "Infinity"),
        (-Double.infinity, "-Infinity"),
    ])
    func writesFloatsAsPythonRepr(value: Double, expected: String) {
        #expect(JSONValue.double(value).serialized() == expected)
    }

    @Test func writesCompactWithPythonSeparatorsAndKeepsKeyOrder() {
        let value: JSONValue = [
            "b": [1, 2.5, nil, true, false, [:], []], "a": ["x": "y"], "": .int(Int.min),
        ]
        #expect(
            value.serialized()
                == #"{"b": [1, 2.5, null, true, false, {}, []], "a": {"x": "y"}, "": -9223372036854775808}"#)
    }

    @Test func settingAnExistingKeyKeepsItsPlace() {
        var object: JSONObject = ["first": 1, "second": 2]
        object["first"] = 3
        object["third"] = 4
        object["second"] = nil
        #expect(JSONValue.object(object).serialized() == #"{"first": 3, "third": 4}"#)
    }

    /// So are arrays past a few thousand items (a docs site's entries).
    @Test func writesLargeArraysInOrder() {
        let items: [JSONValue] = (0..<5_003).map { number in number % 2 == 0 ? .int(number) : ["é": .int(number)] }
        let expected = (0..<5_003).map { number in number % 2 == 0 ? "\(number)" : "{\"\\u00e9\": \(number)}" }
        #expect(JSONValue.array(items).serialized() == "[" + expected.joined(separator: ", ") + "]")
    }

    /// Objects past a few thousand members are written in chunks on all cores and joined.
    @Test func writesLargeObjectsInOrder() {
        var object = JSONObject()
        for number in 0..<5_003 { object["k\(number)"] = number % 2 == 0 ? .int(number) : .string("é\(number)") }
        let expected = (0..<5_003).map { number in
            number % 2 == 0 ? "\"k\(number)\": \(number)" : "\"k\(number)\": \"\\u00e9\(number)\""
        }
        #expect(JSONValue.object(object).serialized() == "{" + expected.joined(separator: ", ") + "}")
    }

    /// Past a few dozen keys the object keeps an index; order and replacement must not change.
    @Test func largeObjectsKeepOrderThroughReplacementAndRemoval() {
        var object = JSONObject()
        for number in 0..<100 { object["k\(number)"] = .int(number) }
        object["k5"] = "five"
        object["k50"] = nil
        object["k99"] = nil
        object["k100"] = 100
        #expect(object.count == 99)
        #expect(object["k5"] == "five")
        #expect(object["k50"] == nil)
        #expect(object["k51"] == 51)
        #expect(object.keys == (0..<99).filter { $0 != 50 }.map { "k\($0)" } + ["k100"])
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z", "1970-01-01T00:00:00+00:00"),
        (1718034000.035617, "2024-06-10T15:40:00.035617Z", "2024-06-10T15:40:00.035617+00:00"),
        (951782400, "2000-02-29T00:00:00Z", "2000-02-29T00:00:00+00:00"),
        (4107542400, "2100-03-01T00:00:00Z", "2100-03-01T00:00:00+00:00"),
        (-1, "1969-12-31T23:59:59Z", "1969-12-31T23:59:59+00:00"),
        (1718033991, "2024-06-10T15:39:51Z", "2024-06-10T15:39:51+00:00"),
    ])
    func formatsTimestampsAsPythonISOFormat(seconds: Double, naive: String, aware: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(date.pythonISOFormat(utcSuffix: "Z") == naive)
        #expect(date.pythonISOFormat(utcSuffix: "+00:00") == aware)
    }

    /// Random documents (odd strings, any doubles, deep nesting) must come out byte for byte as
    /// Python writes them: Python reads ours and writes it again, and the two must be equal. A
    /// float that is not the shortest repr, or an escape Python writes differently, shows up.
    @Test func matchesPythonJSONOnRandomDocuments() throws {
        var generator = DocumentGenerator(seed: 0x5eed_1234)
        let documents = (0..<300).map { _ in generator.value(depth: 0) }
        let input = documents.map { $0.serialized() }.joined(separator: "\n")
        let output = try Python.program(
            """
            import json, sys
            for line in sys.stdin.read().split("\\n"):
                sys.stdout.write(json.dumps(json.loads(line)) + "\\n")
            """, input: Array(input.utf8))
        let expected = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
            String.init)
        let ours = documents.map { $0.serialized() }
        #expect(expected.count == ours.count)
        for (mine, python) in zip(ours, expected) where mine != python {
            Issue.record("ours:   \(mine.prefix(300))\npython: \(python.prefix(300))")
            break
        }
    }

    @Test func serializesTheSameValueToTheSameBytes() {
        var generator = DocumentGenerator(seed: 42)
        let value = generator.value(depth: 0)
        #expect(value.serializedBytes() == value.serializedBytes())
    }
}

/// Deterministic pseudo-random JSON values (SplitMix64), biased toward what trips writers up:
/// control characters, astral-plane characters, doubles from random bit patterns.
struct DocumentGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func double() -> Double {
        switch below(4) {
        case 0: return Double(bitPattern: next())
        case 1: return Double(below(2_000_000) - 1_000_000) / Double([1, 10, 100, 1000, 7][below(5)])
        case 2:
            return Double(
                sign: below(2) == 0 ? .plus : .minus, exponent: below(2100) - 1075, significand: 1.0)
        default: return Double(bitPattern: next() & 0x000f_ffff_ffff_ffff | 0x3ff0_0000_0000_0000) - 1
        }
    }

    mutating func string() -> String {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0c}", "\u{00}", "\u{1f}",
            "\u{7f}",
            "\u{80}", "é", "ß", "€", "\u{2028}", "\u{fffd}", "\u{feff}", "😀", "𝄞", "\u{10ffff}", "{", "}",
            ":",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<below(12) { scalars.append(alphabet[below(alphabet.count)]) }
        return String(scalars)
    }

    mutating func value(depth: Int) -> JSONValue {
        switch below(depth > 4 ? 6 : 9) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .int(Int(bitPattern: UInt(next())) >> below(64))
        case 3, 4: return .double(double())
        case 5: return .string(string())
        case 6: return .array((0..<below(5)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<below(5) { object[string()] = value(depth: depth + 1) }
            return .object(object)
        }
    }
}
