import CLibPQ
import Foundation
import SQLDialect
import Warehouse

/// One libpq connection (`PGconn`).
///
/// `@unchecked Sendable` because the protocol's contract does the work: one thread at a time
/// uses the connection, and only `cancel()` may come from another thread. libpq documents
/// `PQcancel` as safe from any thread given its own `PGcancel` object, which is made once at
/// connect; `lock` only keeps `cancel()` from using that object while `close()` frees it.
final class PostgresConnection: WarehouseConnection, @unchecked Sendable {
    let dialect: SQLDialect

    /// The `PGconn`; nil once closed. Used only by the owning thread.
    private var handle: OpaquePointer?
    private let lock = NSLock()
    /// The `PGcancel` for `handle`, guarded by `lock`.
    private var canceller: OpaquePointer?
    /// Type names the server gave for OIDs outside `PostgresType.names` (enums, domains,
    /// extension types); OIDs do not change during a session.
    private var typeNames: [Oid: String] = [:]

    init(configuration: PostgresConfiguration, dialect: SQLDialect) throws {
        self.dialect = dialect
        let connection = try Self.open(configuration)
        handle = connection
        canceller = PQgetCancel(connection)
        do {
            try configureSession(configuration)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Connects with keyword/value arrays (never a conninfo string, which would need quoting
    /// and could be steered by a value containing `key=value`); `expand_dbname` is off so the
    /// database name is only ever a name.
    private static func open(_ configuration: PostgresConfiguration) throws -> OpaquePointer {
        let parameters = configuration.connectionParameters
        let connection = withCStrings(parameters.map(\.keyword) + [nil]) { keywords in
            withCStrings(parameters.map(\.value) + [nil]) { values in
                PQconnectdbParams(keywords, values, 0)
            }
        }
        guard let connection else {
            throw WarehouseError.connectionFailed(
                "libpq could not allocate a connection", needsPassword: false,
                password: configuration.password)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
            let needsPassword = PQconnectionNeedsPassword(connection) == 1
            PQfinish(connection)
            throw WarehouseError.connectionFailed(
                message, needsPassword: needsPassword, password: configuration.password)
        }
        // libpq prints NOTICEs (`schema "x" already exists, skipping`) to stderr by default;
        // what reaches the terminal is the runner's decision, not the driver's.
        PQsetNoticeReceiver(connection, { _, _ in }, nil)
        return connection
    }

    /// The profile's `role` and `search_path`, as dbt-postgres applies them after connecting.
    /// The search path is a bound value (`set_config`), like every value Weir sends. A setting
    /// the server rejects (a role the user may not assume) is the profile's fault, so it is
    /// reported as a configuration error, keeping the server's SQLSTATE and message.
    private func configureSession(_ configuration: PostgresConfiguration) throws {
        do {
            if let role = configuration.role {
                _ = try execute("set role \(dialect.quote(role))")
            }
            if let searchPath = configuration.searchPath {
                _ = try run(
                    "select pg_catalog.set_config('search_path', $1, false)", parameters: [searchPath])
            }
        } catch var error as WarehouseError where error.kind == .query {
            error.kind = .configuration
            throw error
        }
    }

    /// Runs the statements with `PQexec`, which sends them as one simple query: several
    /// statements run in one implicit transaction unless they manage their own, and the last
    /// one's result is returned.
    func execute(_ sql: String) throws -> QueryResult {
        let connection = try openHandle()
        let result = try checked(PQexec(connection, sql), connection: connection, statement: sql)
        return try queryResult(result)
    }

    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard let canceller else { return }
        // Failure to deliver the request is not reported: the statement then simply runs on,
        // which is all a caller could do about it anyway.
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(canceller, &errorBuffer, Int32(errorBuffer.count))
    }

    func close() {
        lock.lock()
        let canceller = self.canceller
        self.canceller = nil
        lock.unlock()
        if let canceller { PQfreeCancel(canceller) }
        if let handle { PQfinish(handle) }
        handle = nil
    }

    // MARK: - Running statements

    func openHandle() throws -> OpaquePointer {
        guard let handle else { throw WarehouseError.closed() }
        return handle
    }

    /// Runs one statement with bound text parameters (`PQexecParams`): how introspection
    /// passes schema and relation names, which are never spliced into SQL.
    func run(_ sql: String, parameters: [String]) throws -> PostgresResult {
        let connection = try openHandle()
        let raw = withCStrings(parameters) { values in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try checked(raw, connection: connection, statement: sql)
    }

    /// The result of a completed call, or the error it carries. A COPY that `execute` started
    /// is ended (its data has nowhere to come from or go to) and reported as unsupported.
    func checked(_ raw: OpaquePointer?, connection: OpaquePointer, statement: String) throws -> PostgresResult
    {
        guard let raw else {
            throw WarehouseError.postgres(nil, connection: connection, statement: statement)
        }
        let result = PostgresResult(raw)
        switch result.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return result
        case PGRES_COPY_IN, PGRES_COPY_BOTH:
            _ = PQputCopyEnd(connection, "abandoned by the client")
            discardPendingResults(connection)
            throw WarehouseError.copyNotSupported(statement: statement)
        case PGRES_COPY_OUT:
            discardCopyData(connection)
            discardPendingResults(connection)
            throw WarehouseError.copyNotSupported(statement: statement)
        default:
            throw WarehouseError.postgres(result, connection: connection, statement: statement)
        }
    }

    /// Reads and frees whatever results are still queued, ending any COPY among them, so the
    /// connection is ready for the next command.
    func discardPendingResults(_ connection: OpaquePointer) {
        while let pending = PQgetResult(connection) {
            let status = PQresultStatus(pending)
            PQclear(pending)
            switch status {
            case PGRES_COPY_IN, PGRES_COPY_BOTH: _ = PQputCopyEnd(connection, "abandoned by the client")
            case PGRES_COPY_OUT: discardCopyData(connection)
            default: break
            }
        }
    }

    private func discardCopyData(_ connection: OpaquePointer) {
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(connection, &buffer, 0) > 0 {
            PQfreemem(buffer)
            buffer = nil
        }
    }

    // MARK: - Results

    private func queryResult(_ result: PostgresResult) throws -> QueryResult {
        let columns = try columnDescriptions(result)
        let types = (0..<result.columnCount).map(result.columnType)
        var rows: [[WarehouseValue]] = []
        rows.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            rows.append(
                types.enumerated().map { column, oid in
                    result.text(row: row, column: column).map { PostgresType.value($0, oid: oid) } ?? .null
                })
        }
        return QueryResult(
            columns: columns, rows: rows, rowsAffected: result.rowsAffected, status: result.commandStatus)
    }

    /// A result's (or a described statement's) columns, typed as `format_type` names them.
    func columnDescriptions(_ result: PostgresResult) throws -> [ColumnDescription] {
        try (0..<result.columnCount).map { column in
            ColumnDescription(
                name: result.columnName(column), dataType: try typeName(of: result.columnType(column)))
        }
    }

    /// `format_type(oid, NULL)`: from the static table for built-in types, else asked once per
    /// session.
    func typeName(of oid: Oid) throws -> String {
        if let name = PostgresType.names[oid] ?? typeNames[oid] { return name }
        let result = try run("select pg_catalog.format_type($1, NULL)", parameters: [String(oid)])
        let name = result.rowCount == 1 ? result.text(row: 0, column: 0) ?? "" : ""
        typeNames[oid] = name
        return name
    }
}
