import Diagnostics
import Testing

@testable import Seeds

/// The record splitting, one construct per row, with the records Python's `csv.reader` yields
/// for the same text after dbt's universal-newline file read (measured with CPython 3.11).
@Suite struct CSVReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var delimiter: Unicode.Scalar = ","
        var records: [[String]]
        var testDescription: String { String(reflecting: text) }
    }

    static let cases: [Case] = [
        Case(text: "a,b\n1,2\n", records: [["a", "b"], ["1", "2"]]),
        Case(text: "a,b\r\n1,2\r\n", records: [["a", "b"], ["1", "2"]]),
        Case(text: "a,b\r1,2\r", records: [["a", "b"], ["1", "2"]]),
        Case(text: "a,b\n1,2", records: [["a", "b"], ["1", "2"]]),
        Case(text: "a,b\n\n1,2\n\n", records: [["a", "b"], [], ["1", "2"], []]),
        Case(text: "a,\n", records: [["a", ""]]),
        Case(text: "a,", records: [["a", ""]]),
        Case(text: "\"x,y\",z\n", records: [["x,y", "z"]]),
        Case(text: "\"say \"\"hi\"\"\",x\n", records: [["say \"hi\"", "x"]]),
        Case(text: "\"l1\r\nl2\",x\n", records: [["l1\nl2", "x"]]),
        Case(text: "\"l1\rl2\",x\n", records: [["l1\nl2", "x"]]),
        Case(text: "\"ab\"cd,e\n", records: [["abcd", "e"]]),
        Case(text: "a\"b,\"c\"\n", records: [["a\"b", "c"]]),
        Case(text: " \"a\",b\n", records: [[" \"a\"", "b"]]),
        Case(text: "\"a\"  ,b\n", records: [["a  ", "b"]]),
        Case(text: "\"\",\"\"\n", records: [["", ""]]),
        Case(text: "\u{FEFF}a,b\n", records: [["a", "b"]]),
        Case(text: "a;b,c\n", delimiter: ";", records: [["a", "b,c"]]),
        Case(text: "a€b€\"c€d\"\n", delimiter: "€", records: [["a", "b", "c€d"]]),
        Case(text: "a\tb\n", delimiter: "\t", records: [["a", "b"]]),
        Case(text: "\n", records: [[]]),
        Case(text: ",,\n", records: [["", "", ""]]),
        Case(text: "\"a\"\"b\"\"\"\n", records: [["a\"b\""]]),
        Case(text: "", records: []),
        Case(text: "\u{FEFF}", records: []),
    ]

    @Test(arguments: cases)
    func splitsLikePythonCSV(_ testCase: Case) throws {
        let records = try CSVReader(delimiter: testCase.delimiter).read(
            SourceFile(name: "t.csv", text: testCase.text))
        var actual: [[String]] = []
        for record in 0..<records.count {
            actual.append(records.fields(ofRecord: record).map { records.string(ofField: $0) })
        }
        #expect(actual == testCase.records)
    }

    @Test func fieldOffsetsPointAtTheSource() throws {
        let text = "\u{FEFF}id,\"na\"\"me\"\r\n1,x\n"
        let records = try CSVReader(delimiter: ",").read(SourceFile(name: "t.csv", text: text))
        #expect(records.fieldOffsets == [3, 6, 16, 18])
        #expect(records.recordOffsets == [3, 16])
    }

    @Test func unterminatedQuotePointsAtTheOpeningQuote() {
        let file = SourceFile(name: "t.csv", text: "id,note\n1,\"open\n2,x\n")
        #expect {
            _ = try CSVReader(delimiter: ",").read(file)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.code == "W1201"
                && diagnostic.location == Diagnostics.SourceLocation(line: 2, column: 3)
        }
    }
}
