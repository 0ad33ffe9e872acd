import Diagnostics
import Warehouse

/// A seed's data rows, cast cell by cell as a load asks for them (agate's cast of every cell,
/// short rows padded with NULL). The file has been split and its types chosen already; casting
/// last lets a load send the first rows to the warehouse while later ones are still being cast.
public struct SeedRows: LoadRows {
    let file: SourceFile
    let delimiter: Character
    let records: CSVRecords
    let casts: [SeedCast]

    public var count: Int { max(records.count - 1, 0) }

    /// - Throws: W1209 for a value dbt cannot load (a datetime whose offset Python cannot format).
    public func forEachRow(_ body: ([WarehouseValue]) throws -> Void) throws {
        var caster = SeedCaster()
        var row: [WarehouseValue] = []
        row.reserveCapacity(casts.count)
        try records.storage.withUnsafeBufferPointer { storage in
            for record in 1..<max(records.count, 1) {
                row.removeAll(keepingCapacity: true)
                let fields = records.fields(ofRecord: record)
                for field in fields {
                    let bytes = UnsafeBufferPointer(rebasing: storage[records.bytes(ofField: field)])
                    guard let value = caster.cast(bytes, as: casts[field - fields.lowerBound]) else {
                        throw Diagnostic.unloadableValue(
                            file: file, at: records.fieldOffsets[field],
                            length: max(records.rawLength(ofField: field, in: file, delimiter: delimiter), 1),
                            problem: "this time zone offset is a day or more, which Python cannot format")
                    }
                    row.append(value)
                }
                while row.count < casts.count { row.append(.null) }
                try body(row)
            }
        }
    }

    /// Every row at once.
    public func all() throws -> [[WarehouseValue]] {
        var rows: [[WarehouseValue]] = []
        rows.reserveCapacity(count)
        try forEachRow { rows.append($0) }
        return rows
    }
}
