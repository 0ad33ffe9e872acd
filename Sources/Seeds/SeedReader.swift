import Diagnostics
import Dispatch
import Warehouse

/// One read of one seed file: CSV records, agate's header renaming, dbt's type tester, then
/// agate's cast of every cell, in the order `agate.Table.__init__` does them.
struct SeedReader {
    let file: SourceFile
    let delimiter: Character
    let columnTypes: [String: String]

    func read() throws(Diagnostic) -> SeedTable {
        guard delimiter.unicodeScalars.count == 1, let scalar = delimiter.unicodeScalars.first,
            scalar != "\"", scalar != "\n", scalar != "\r"
        else { throw Diagnostic.badDelimiter(file: file, delimiter) }
        let records = try CSVReader(delimiter: scalar).read(file)
        guard records.count > 0 else { throw Diagnostic.emptySeed(file: file) }
        let header = records.fields(ofRecord: 0)
        guard !header.isEmpty else { throw Diagnostic.blankHeader(file: file) }

        var warnings: [Diagnostic] = []
        let names = columnNames(records, header: header, warnings: &warnings)
        var forced = Set<Int>()
        for (name, _) in columnTypes.sorted(by: { $0.key < $1.key }) {
            if let index = names.firstIndex(of: name) {
                forced.insert(index)
            } else {
                warnings.append(.unknownColumnType(file: file, column: name, columns: names))
            }
        }
        try checkRowLengths(records, columns: names.count, warnings: &warnings)

        let (tester, longest) = try testTypes(records, columnCount: names.count, forced: forced)

        var columns: [SeedColumn] = []
        var casts: [SeedCast] = []
        for (index, name) in names.enumerated() {
            let candidate = tester.chosen(index)
            let cast = SeedCast(candidate: candidate, integerColumn: !tester.precisions[index].isFloat)
            casts.append(cast)
            let override = forced.contains(index) ? columnTypes[name] : nil
            columns.append(
                SeedColumn(
                    name: name, inferredType: cast.seedType, sqlTypeOverride: override,
                    longestValueByteCount: cast.seedType == .text ? longest[index] : nil))
        }
        let rows = SeedRows(file: file, delimiter: delimiter, records: records, casts: casts)
        return SeedTable(columns: columns, rows: rows, warnings: warnings)
    }

    /// The header as agate names it (`agate.utils.deduplicate(column_names, column_names=True)`):
    /// an empty name becomes `letter_name(i)` (`a`...`z`, then `aa`...), and a name already
    /// taken gets `_2`, `_3`, ... until it is free. Header names are not stripped.
    private func columnNames(_ records: CSVRecords, header: Range<Int>, warnings: inout [Diagnostic])
        -> [String]
    {
        var names: [String] = []
        var taken = Set<String>()
        for (index, field) in header.enumerated() {
            let written = records.string(ofField: field)
            var base = written
            if written.isEmpty {
                let letter = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index % 26)))
                base = String(repeating: letter, count: index / 26 + 1)
            }
            var name = base
            var duplicates = 0
            while taken.contains(name) {
                duplicates += 1
                name = base + "_" + String(duplicates + 1)
            }
            if written.isEmpty || duplicates > 0 {
                warnings.append(
                    .renamedColumn(
                        file: file, at: records.fieldOffsets[field], written: written, loadedAs: name))
            }
            taken.insert(name)
            names.append(name)
        }
        return names
    }

    /// agate rejects a row longer than the header and pads a shorter one with NULLs; a blank
    /// line is a row with no fields.
    private func checkRowLengths(_ records: CSVRecords, columns: Int, warnings: inout [Diagnostic])
        throws(Diagnostic)
    {
        var firstShort: (offset: Int, fields: Int)?
        var shortRows = 0
        var firstBlank: Int?
        var blankLines = 0
        for record in 1..<max(records.count, 1) {
            let fields = records.fields(ofRecord: record)
            if fields.count > columns {
                throw Diagnostic.tooManyFields(
                    file: file, at: records.fieldOffsets[fields.lowerBound + columns], fields: fields.count,
                    columns: columns, delimiter: delimiter)
            } else if fields.isEmpty {
                if firstBlank == nil { firstBlank = records.recordOffsets[record] }
                blankLines += 1
            } else if fields.count < columns {
                if firstShort == nil {
                    // Point just past the row's last field.
                    let last = fields.upperBound - 1
                    let end = records.fieldOffsets[last] + records.rawLength(ofField: last, in: file, delimiter: delimiter)
                    firstShort = (end, fields.count)
                }
                shortRows += 1
            }
        }
        if let firstShort {
            warnings.append(
                .missingFields(
                    file: file, at: firstShort.offset, fields: firstShort.fields, columns: columns,
                    moreRows: shortRows - 1, delimiter: delimiter))
        }
        if let firstBlank {
            warnings.append(.blankLine(file: file, at: firstBlank, moreLines: blankLines - 1))
        }
    }

    /// dbt's type tester over every data row. A large file is tested in two halves at once and
    /// the halves merged, which gives what one pass in file order gives (see `TypeTestPass`).
    private func testTypes(_ records: CSVRecords, columnCount: Int, forced: Set<Int>) throws(Diagnostic)
        -> (SeedTypeTester, longest: [Int?])
    {
        let rows = 1..<max(records.count, 1)
        let fresh = TypeTestPass(tester: SeedTypeTester(columnCount: columnCount, forced: forced))
        guard rows.count >= 20_000 else {
            var pass = fresh
            pass.run(records, rows: rows)
            if let field = pass.overflow?.field { throw overflow(records, field: field) }
            return (pass.tester, pass.longest)
        }
        let middle = rows.lowerBound + rows.count / 2
        var halves = [fresh, fresh]
        halves.withUnsafeMutableBufferPointer { passes in
            let passes = UncheckedSendable(passes)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                passes.value[half].run(records, rows: half == 0 ? rows.lowerBound..<middle : middle..<rows.upperBound)
            }
        }
        var merged = halves[0]
        if let field = merged.append(halves[1]) { throw overflow(records, field: field) }
        return (merged.tester, merged.longest)
    }

    private func overflow(_ records: CSVRecords, field: Int) -> Diagnostic {
        .unloadableValue(
            file: file, at: records.fieldOffsets[field], length: max(records.rawLength(ofField: field, in: file, delimiter: delimiter), 1),
            problem: "this number is too large for dbt: Python's decimal context overflows on it")
    }
}

/// The type test over a run of rows: what dbt's tester concludes, each column's longest non-NULL
/// value, and the first cell whose Number cast overflows (which aborts dbt).
struct TypeTestPass {
    var tester: SeedTypeTester
    var longest: [Int?]
    var overflow: (field: Int, column: Int)?
    private var cell = CellText()

    init(tester: SeedTypeTester) {
        self.tester = tester
        longest = Array(repeating: nil, count: tester.candidates.count)
    }

    mutating func run(_ records: CSVRecords, rows: Range<Int>) {
        records.storage.withUnsafeBufferPointer { storage in
            for record in rows {
                let fields = records.fields(ofRecord: record)
                for field in fields {
                    let column = field - fields.lowerBound
                    let bytes = UnsafeBufferPointer(rebasing: storage[records.bytes(ofField: field)])
                    if bytes.count > longest[column] ?? 0 {
                        // Text columns report their longest non-NULL value (NULL is blank or `null`).
                        cell.load(bytes)
                        if !cell.withScalars({ $0.stripped().isNullMarker }) { longest[column] = bytes.count }
                    }
                    guard tester.isOpen(column) else { continue }
                    guard tester.test(column: column, bytes: bytes) else {
                        overflow = (field, column)
                        return
                    }
                }
            }
        }
    }

    /// Adds the pass over the rows right after this one's. A candidate type survives when it
    /// survives both; the later overflow counts only when this pass left Number possible for its
    /// column, since in file order the test would have stopped trying Number otherwise.
    /// Returns the field to report when the test overflows.
    mutating func append(_ later: TypeTestPass) -> Int? {
        if let overflow { return overflow.field }
        if let overflow = later.overflow, tester.allowsNumber(overflow.column) { return overflow.field }
        tester.merge(later.tester)
        for column in longest.indices {
            longest[column] = [longest[column], later.longest[column]].compactMap { $0 }.max()
        }
        return nil
    }
}

/// Lets two threads write disjoint elements of one buffer.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
