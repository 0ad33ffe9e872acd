import SQLDialect

/// One session with a warehouse. A connection is used by one thread at a time; only `cancel()`
/// may be called from another thread (Ctrl-C, `--fail-fast`).
public protocol WarehouseConnection: AnyObject, Sendable {
    var dialect: SQLDialect { get }

    /// Runs one or more statements separated by `;` and returns the last one's result.
    func execute(_ sql: String) throws -> QueryResult

    /// Loads rows into an existing table as fast as the warehouse allows (COPY on PostgreSQL,
    /// one prepared insert with bound values on SQLite), inside the current transaction if any.
    /// Rows are taken as the load goes (see `LoadRows`); an error producing one aborts the load.
    /// Returns the number of rows loaded.
    func load(into relation: RelationName, columns: [String], rows: any LoadRows) throws -> Int

    /// The schemas that exist (attached databases on SQLite).
    func schemas() throws -> [String]

    /// Creates a schema if it does not exist (attaches a new database file on SQLite).
    func createSchema(_ name: String) throws

    /// The tables and views of one schema.
    func relations(inSchema schema: String) throws -> [RelationDescription]

    /// A relation's columns in order; empty when it does not exist.
    func columns(of relation: RelationName) throws -> [ColumnDescription]

    /// The columns of every table and view of one schema, by relation name, each in order: what
    /// `columns(of:)` gives for each of `relations(inSchema:)`, in one round trip where the
    /// warehouse is a server (a catalog of 10,000 relations would otherwise take 10,000).
    func columnsByRelation(inSchema schema: String) throws -> [String: [ColumnDescription]]

    /// The columns a query would return, without running it (prepare/describe).
    func describe(query sql: String) throws -> [ColumnDescription]

    /// Interrupts the statement running on this connection, if any. Safe from any thread.
    func cancel()

    /// Closes the connection; further use fails.
    func close()
}

extension WarehouseConnection {
    public func columnsByRelation(inSchema schema: String) throws -> [String: [ColumnDescription]] {
        var columns: [String: [ColumnDescription]] = [:]
        for relation in try relations(inSchema: schema) {
            columns[relation.name] = try self.columns(of: RelationName(database: nil, schema: schema, identifier: relation.name))
        }
        return columns
    }
}

/// Opens connections to one target.
public protocol Warehouse: Sendable {
    var dialect: SQLDialect { get }
    func connect() throws -> any WarehouseConnection
}
