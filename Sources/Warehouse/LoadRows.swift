/// Rows for a bulk load, handed to the loader one at a time: a large seed is cast row by row
/// while the warehouse is already storing the rows before it, instead of being converted whole
/// first. An array of rows is the simplest source.
public protocol LoadRows: Sendable {
    /// How many rows `forEachRow` produces.
    var count: Int { get }
    /// Calls `body` with each row in order, one value per column. The row passed may be reused
    /// for the next call: copy it to keep it. Stops at the first error thrown by producing a
    /// row or by `body`. A loader may call it again after an abandoned attempt (a binary COPY
    /// that is redone as CSV), so the rows must come out the same each time.
    func forEachRow(_ body: ([WarehouseValue]) throws -> Void) throws
}

extension Array: LoadRows where Element == [WarehouseValue] {
    public func forEachRow(_ body: ([WarehouseValue]) throws -> Void) throws {
        for row in self { try body(row) }
    }
}
