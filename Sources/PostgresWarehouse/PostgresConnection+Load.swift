import CLibPQ
import SQLDialect
import Warehouse

extension PostgresConnection {
    /// How much CSV is buffered before it goes to libpq: large enough that the per-call cost
    /// vanishes, small enough that a large seed is never held twice in memory.
    static let copyChunkSize = 64 * 1024

    /// Loads rows with `COPY ... FROM STDIN WITH (FORMAT csv)`, the fastest way into PostgreSQL
    /// (dbt-postgres inserts seeds in batches of bound `insert` statements). Values travel as
    /// COPY data, never as SQL text.
    func load(into relation: RelationName, columns: [String], rows: any LoadRows) throws -> Int {
        let connection = try openHandle()
        guard !columns.isEmpty else {
            throw WarehouseError.badLoad("no columns given", relation: relation.description)
        }
        let statement =
            "copy \(dialect.render(relation)) (\(columns.map(dialect.quote).joined(separator: ", "))) "
            + "from stdin with (format csv)"

        let started = PQexec(connection, statement)
        guard let started, PQresultStatus(started) == PGRES_COPY_IN else {
            // The statement failed (no such table or column): `checked` frees the result and
            // throws its error.
            _ = try checked(started, connection: connection, statement: statement)
            throw WarehouseError.badLoad("the server did not start a COPY", relation: relation.description)
        }
        PQclear(started)

        // Chunks go out as they fill, so the server stores rows while later ones are produced.
        var encoder = CopyCSVEncoder(capacity: Self.copyChunkSize + 4096)
        var index = 0
        do {
            try rows.forEachRow { row in
                index += 1
                guard row.count == columns.count else {
                    // The row number only: a message never carries loaded values.
                    throw WarehouseError.badLoad(
                        "row \(index) has \(row.count) values for \(columns.count) columns", relation: relation.description)
                }
                encoder.append(row: row)
                if encoder.bytes.count >= Self.copyChunkSize {
                    try send(encoder.bytes, connection: connection, statement: statement)
                    encoder.removeAll()
                }
            }
        } catch {
            // Abandon the COPY (the server then fails it) and empty the queue for the next command.
            _ = PQputCopyEnd(connection, "the rows to load could not be produced")
            discardPendingResults(connection)
            throw error
        }
        if !encoder.bytes.isEmpty { try send(encoder.bytes, connection: connection, statement: statement) }

        guard PQputCopyEnd(connection, nil) == 1 else {
            let error = WarehouseError.postgres(nil, connection: connection, statement: statement)
            discardPendingResults(connection)
            throw error
        }
        // The COPY's own outcome comes first (a rejected value is reported here), then the
        // queue must be emptied before the connection takes another command.
        let finished = PQgetResult(connection).map(PostgresResult.init)
        defer { discardPendingResults(connection) }
        guard let finished, finished.status == PGRES_COMMAND_OK else {
            throw WarehouseError.postgres(finished, connection: connection, statement: statement)
        }
        return finished.rowsAffected ?? index
    }

    /// Hands one chunk to libpq (blocking mode: it returns once the data is queued or sent).
    private func send(_ bytes: [UInt8], connection: OpaquePointer, statement: String) throws {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(connection, $0, Int32(buffer.count))
                }
            } ?? 1
        }
        guard sent == 1 else {
            let error = WarehouseError.postgres(nil, connection: connection, statement: statement)
            discardPendingResults(connection)
            throw error
        }
    }
}
