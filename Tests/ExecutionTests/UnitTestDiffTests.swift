@testable import Execution
import Foundation
import Testing
import Warehouse

/// A failed unit test's difference, rendered as dbt renders it with daff: the cases and daff's
/// renderings in `Tests/RunTests/UnitTests/expected/daff.json` (Scripts/generate_unit_test_fixtures.py).
@Suite struct UnitTestDiffTests {
    struct Case: Decodable {
        var expected: [[Cell]]
        var actual: [[Cell]]
        var rendered: String?
    }

    /// A JSON cell: a header name or a value.
    enum Cell: Decodable {
        case value(WarehouseValue)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .value(.null)
            } else if let flag = try? container.decode(Bool.self) {
                self = .value(.boolean(flag))
            } else if let number = try? container.decode(Int64.self) {
                self = .value(.integer(number))
            } else {
                self = .value(.text(try container.decode(String.self)))
            }
        }

        var value: WarehouseValue { if case .value(let value) = self { return value } else { return .null } }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RunTests/UnitTests/expected/daff.json")
        return (try? JSONDecoder().decode([Case].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func casesAreRecorded() { #expect(Self.cases.count >= 10) }

    @Test(arguments: Self.cases.indices)
    func rendersAsDaff(_ index: Int) {
        let testCase = Self.cases[index]
        let columns = testCase.expected[0].map { $0.value.text ?? "" }
        let diff = UnitTestDiff(
            columns: columns, expected: testCase.expected.dropFirst().map { $0.map(\.value) },
            actual: testCase.actual.dropFirst().map { $0.map(\.value) })
        #expect(diff.rendered == testCase.rendered)
    }

    @Test func cellsAreShownAsPythonShowsThem() {
        #expect(UnitTestDiff.text(.real(10)) == "10.0")
        #expect(UnitTestDiff.text(.real(0.1 + 0.2)) == "0.30000000000000004")
        #expect(UnitTestDiff.text(.boolean(true)) == "True")
        #expect(UnitTestDiff.text(.null) == nil)
    }

    @Test func numbersSortByValueAndNullsLast() {
        let diff = UnitTestDiff(
            columns: ["n"], expected: [[.integer(10)], [.null], [.integer(9)]], actual: [])
        #expect(diff.expected == [["9"], ["10"], [nil]])
    }
}
