import Foundation
import ProjectModel
import PythonRepr
import Warehouse

/// A unit test's verdict: the rows the model produced from the fixtures ("actual") against the
/// rows the test expects, compared as dbt compares them — order-insensitively, cell by cell as
/// text (dbt hands both tables to the daff library, which compares the cells' Python `str`) — and,
/// when they differ, the difference laid out as daff's terminal rendering that dbt prints.
///
/// daff pairs a changed row with the row it most likely was; Weir pairs rows by the values of
/// one column that are unique on both sides, the most distinct column first, which gives daff's
/// pairing in the usual cases (a key column, a changed measure) but may pair otherwise when
/// several columns changed at once (COMPATIBILITY.md).
public struct UnitTestDiff: Equatable, Sendable {
    public var columns: [String]
    public var expected: [[String?]]
    public var actual: [[String?]]

    /// Cells as Python's `str` shows the values dbt's agate tables hold (nil for NULL).
    public init(columns: [String], expected: [[WarehouseValue]], actual: [[WarehouseValue]]) {
        self.columns = columns
        self.expected = Self.sorted(expected).map { $0.map(Self.text) }
        self.actual = Self.sorted(actual).map { $0.map(Self.text) }
    }

    public var hasDifference: Bool { rendered != nil }

    static func text(_ value: WarehouseValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let number): return String(number)
        case .real(let number): return number.isFinite ? number.pythonRepr : (number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity")
        case .text(let text): return text
        case .boolean(let flag): return flag ? "True" : "False"
        }
    }

    /// dbt sorts both tables before comparing, NULLs after the values of their column.
    static func sorted(_ rows: [[WarehouseValue]]) -> [[WarehouseValue]] {
        rows.sorted { left, right in
            for (a, b) in zip(left, right) {
                let order = compare(a, b)
                if order != 0 { return order < 0 }
            }
            return left.count < right.count
        }
    }

    private static func compare(_ a: WarehouseValue, _ b: WarehouseValue) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return 1
        case (_, .null): return -1
        case (.text(let x), .text(let y)): return x == y ? 0 : (x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
        default:
            let x = number(a), y = number(b)
            if let x, let y { return x == y ? 0 : (x < y ? -1 : 1) }
            let s = text(a) ?? "", t = text(b) ?? ""
            return s == t ? 0 : (s < t ? -1 : 1)
        }
    }

    private static func number(_ value: WarehouseValue) -> Double? {
        switch value {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        case .boolean(let flag): return flag ? 1 : 0
        default: return nil
        }
    }

    // MARK: - Alignment

    /// One line of the difference: a row of both sides, of one side only, or changed.
    enum Line: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
        case changed(Int, Int)
    }

    /// Expected rows paired with actual rows: identical rows first, then rows sharing a value
    /// that no other unpaired row of either side has in that column.
    func lines() -> [Line] {
        var partnerOfActual: [Int: Int] = [:]
        var pairedExpected: Set<Int> = []
        var identical: Set<Int> = []
        for (e, row) in expected.enumerated() {
            if let a = actual.indices.first(where: { partnerOfActual[$0] == nil && actual[$0] == row }) {
                partnerOfActual[a] = e
                pairedExpected.insert(e)
                identical.insert(a)
            }
        }
        let columnsByDistinctness = columns.indices.sorted { left, right in
            let l = distinctCount(left, pairedExpected, partnerOfActual), r = distinctCount(right, pairedExpected, partnerOfActual)
            return l != r ? l > r : left < right
        }
        for column in columnsByDistinctness {
            let openExpected = expected.indices.filter { !pairedExpected.contains($0) }
            let openActual = actual.indices.filter { partnerOfActual[$0] == nil }
            for e in openExpected {
                let value = expected[e][column]
                guard openExpected.filter({ expected[$0][column] == value }).count == 1 else { continue }
                let matches = openActual.filter { actual[$0][column] == value }
                guard matches.count == 1 else { continue }
                partnerOfActual[matches[0]] = e
                pairedExpected.insert(e)
            }
        }
        // Actual rows in order, each paired one preceded by the unpaired expected rows before
        // its partner; the expected rows left over at the end.
        var result: [Line] = []
        var nextExpected = 0
        func flushExpected(before limit: Int) {
            while nextExpected < limit {
                if !pairedExpected.contains(nextExpected) { result.append(.removed(nextExpected)) }
                nextExpected += 1
            }
        }
        for a in actual.indices {
            guard let e = partnerOfActual[a] else {
                result.append(.added(a))
                continue
            }
            flushExpected(before: e)
            nextExpected = max(nextExpected, e + 1)
            result.append(identical.contains(a) ? .same(e, a) : .changed(e, a))
        }
        flushExpected(before: expected.count)
        return result
    }

    private func distinctCount(_ column: Int, _ pairedExpected: Set<Int>, _ partnerOfActual: [Int: Int]) -> Int {
        var values: Set<String?> = []
        for (e, row) in expected.enumerated() where !pairedExpected.contains(e) { values.insert(row[column]) }
        for (a, row) in actual.enumerated() where partnerOfActual[a] == nil { values.insert(row[column]) }
        return values.count
    }

    // MARK: - Rendering

    /// daff's terminal rendering without colours: an action column (`@@` header, `+++` added,
    /// `---` removed, `→` changed), cells `old→new` where they changed, columns separated by `,`
    /// and padded to their widest cell (but the last), CRLF line ends. Nil when the tables agree.
    public var rendered: String? {
        let lines = lines()
        guard lines.contains(where: { if case .same = $0 { return false } else { return true } }) else { return nil }
        var table: [[String]] = [["@@"] + columns]
        func cells(_ row: [String?]) -> [String] { row.map { $0 ?? "NULL" } }
        for line in lines {
            switch line {
            case .same(let e, _): table.append([""] + cells(expected[e]))
            case .removed(let e): table.append(["---"] + cells(expected[e]))
            case .added(let a): table.append(["+++"] + cells(actual[a]))
            case .changed(let e, let a):
                table.append(["→"] + zip(cells(expected[e]), cells(actual[a])).map { $0 == $1 ? $0 : "\($0)→\($1)" })
            }
        }
        table = table.map { $0.map(Self.quoted) }
        let widths = table[0].indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: ",") + "\r\n"
        }.joined()
    }

    private static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
