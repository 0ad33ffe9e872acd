import CLibPQ
import SQLDialect
import Warehouse

extension PostgresConnection {
    /// How much CSV is buffered before it goes to libpq: large enough that the per-call cost
    /// vanishes, small enough that a large seed is never held twice in memory.
    static let copyChunkSize = 64 * 1024

    /// Below this many rows a load goes as CSV straight away: binary COPY first asks the
    /// server for the columns' types, a round trip that only pays off on larger loads.
    static let binaryLoadMinimumRows = 1_000

    /// Loads rows with `COPY ... FROM STDIN`, the fastest way into PostgreSQL (dbt-postgres
    /// inserts seeds in batches of bound `insert` statements). Values travel as COPY data, never
    /// as SQL text: in PostgreSQL's binary format when every column's type allows it (the server
    /// then parses nothing), else as CSV. A binary load that meets a value it cannot carry
    /// exactly is abandoned (inside a transaction, back to a savepoint) and redone as CSV, so
    /// what is stored, and any error, is what CSV gives.
    func load(into relation: RelationName, columns: [String], rows: any LoadRows) throws -> Int {
        let connection = try openHandle()
        guard !columns.isEmpty else {
            throw WarehouseError.badLoad("no columns given", relation: relation.description)
        }
        let target = "\(dialect.render(relation)) (\(columns.map(dialect.quote).joined(separator: ", ")))"
        if rows.count >= Self.binaryLoadMinimumRows, dialect != .redshift,
            var encoder = CopyBinaryEncoder(oids: try columnTypes(of: relation, columns: columns), capacity: Self.copyChunkSize + 4096)
        {
            let savepoint = PQtransactionStatus(connection) == PQTRANS_INTRANS
            if savepoint { _ = try execute("savepoint weir_binary_copy") }
            if let loaded = try copy(
                "copy \(target) from stdin with (format binary)", columns: columns.count, rows: rows, encoder: &encoder,
                relation: relation, connection: connection)
            {
                if savepoint { _ = try execute("release savepoint weir_binary_copy") }
                return loaded
            }
            if savepoint { _ = try execute("rollback to savepoint weir_binary_copy; release savepoint weir_binary_copy") }
        }
        var encoder = CopyCSVEncoder(capacity: Self.copyChunkSize + 4096)
        guard let loaded = try copy(
            "copy \(target) from stdin with (format csv)", columns: columns.count, rows: rows, encoder: &encoder,
            relation: relation, connection: connection)
        else { throw WarehouseError.badLoad("the CSV encoder refused a row", relation: relation.description) }
        return loaded
    }

    /// The types of the target's columns, as the server describes `select <columns> from <target>`.
    func columnTypes(of relation: RelationName, columns: [String]) throws -> [Oid] {
        let connection = try openHandle()
        let query = "select \(columns.map(dialect.quote).joined(separator: ", ")) from \(dialect.render(relation)) limit 0"
        let result = try checked(PQexec(connection, query), connection: connection, statement: query)
        return (0..<result.columnCount).map(result.columnType)
    }

    /// A value the encoder cannot carry: the COPY is abandoned and `copy` returns nil.
    private struct Unrepresentable: Error {}

    /// Runs one COPY of every row through `encoder`: the rows loaded, or nil when the encoder
    /// refused a row (the COPY was then abandoned and stored nothing).
    private func copy<Encoder: CopyEncoder>(
        _ statement: String, columns: Int, rows: any LoadRows, encoder: inout Encoder, relation: RelationName,
        connection: OpaquePointer
    ) throws -> Int? {
        let started = PQexec(connection, statement)
        guard let started, PQresultStatus(started) == PGRES_COPY_IN else {
            // The statement failed (no such table or column): `checked` frees the result and
            // throws its error.
            _ = try checked(started, connection: connection, statement: statement)
            throw WarehouseError.badLoad("the server did not start a COPY", relation: relation.description)
        }
        PQclear(started)

        // Chunks go out as they fill, so the server stores rows while later ones are produced.
        var index = 0
        do {
            try rows.forEachRow { row in
                index += 1
                guard row.count == columns else {
                    // The row number only: a message never carries loaded values.
                    throw WarehouseError.badLoad(
                        "row \(index) has \(row.count) values for \(columns) columns", relation: relation.description)
                }
                guard encoder.append(row: row) else { throw Unrepresentable() }
                if encoder.bytes.count >= Self.copyChunkSize {
                    try send(encoder.bytes, connection: connection, statement: statement)
                    encoder.removeAll()
                }
            }
        } catch {
            // Abandon the COPY (the server then fails it) and empty the queue for the next command.
            _ = PQputCopyEnd(connection, "the rows to load could not be produced")
            discardPendingResults(connection)
            if error is Unrepresentable { return nil }
            throw error
        }
        encoder.finish()
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
