import CSQLite
import Foundation
import SQLDialect
import Warehouse

/// Schemas as attached database files, the way dbt-sqlite's `SQLiteConnectionManager.open` and
/// `sqlite__create_schema` arrange them.
extension SQLiteConnection {
    /// At connect: every `schemas_and_paths` entry but `main` under its own name, then every
    /// `*.db` file of `schema_directory` that is not one of those files, under its file name.
    func attachSchemas(_ db: OpaquePointer) throws {
        for (schema, path) in configuration.schemasAndPaths.sorted(by: { $0.key < $1.key })
        where schema != "main" {
            try Self.createParentDirectory(of: path)
            try attach(path, as: schema, db: db)
        }
        _ = try attachSchemaDirectory(db, atConnect: true)
    }

    /// Attaches each `<schema_directory>/*.db` not attached yet and returns how many it attached.
    ///
    /// Other connections of the same run create schemas as new files there, and SQLite only sees a
    /// file once this connection attaches it, so this runs at connect, before listing schemas or
    /// relations, when creating a schema, and when a statement fails to prepare with "no such
    /// table" or "unknown database" (the statement is then prepared once more). Files named like
    /// an attached schema are skipped, except at connect where, as in dbt-sqlite, a clash with a
    /// `schemas_and_paths` name is an error.
    func attachSchemaDirectory(_ db: OpaquePointer, atConnect: Bool) throws -> Int {
        guard let directory = configuration.schemaDirectory else { return 0 }
        // dbt-sqlite globs `*.db`: hidden files do not match, and a missing directory has no files.
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".db") && $0.count > 3 && !$0.hasPrefix(".") }
            .sorted()
        guard !files.isEmpty else { return 0 }
        let configuredPaths = Set(configuration.schemasAndPaths.values.map(Self.absolute))
        var attached = Set(try attachedSchemas(db).map { $0.lowercased() })
        var count = 0
        for file in files {
            let path = Self.absolute(URL(fileURLWithPath: directory).appendingPathComponent(file).path)
            var isDirectory: ObjCBool = false
            guard !configuredPaths.contains(path),
                FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            let schema = String(file.dropLast(3))
            // SQLite compares schema names without regard to case.
            if attached.contains(schema.lowercased()) {
                if atConnect { throw WarehouseError.schemaNameTaken(path, schema: schema) }
                continue
            }
            try attach(path, as: schema, db: db)
            attached.insert(schema.lowercased())
            count += 1
        }
        return count
    }

    /// The attached schemas in `pragma database_list` order, without `temp` (SQLite lists it once
    /// a temporary object exists; dbt never treats it as a schema).
    func attachedSchemas(_ db: OpaquePointer) throws -> [String] {
        try query("select name from pragma_database_list where name <> 'temp' order by seq", db: db)
            .compactMap { $0.first?.text }
    }

    /// `ATTACH` with the file and schema bound as values (both operands are expressions), so
    /// neither needs quoting.
    func attach(_ path: String, as schema: String, db: OpaquePointer) throws {
        do {
            _ = try query("attach database ? as ?", binding: [.text(path), .text(schema)], db: db)
        } catch let error as WarehouseError where error.kind == .query {
            throw WarehouseError.cannotOpen(path, schema: schema, reason: error.message)
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Whether `schema` is attached, looking in `schema_directory` once more when it is not.
    private func isAttached(_ schema: String, db: OpaquePointer) throws -> Bool {
        func known() throws -> Bool {
            try attachedSchemas(db).contains { $0.lowercased() == schema.lowercased() }
        }
        if try known() { return true }
        return try attachSchemaDirectory(db, atConnect: false) > 0 && known()
    }

    // MARK: WarehouseConnection

    func schemas() throws -> [String] {
        try perform { db in
            _ = try attachSchemaDirectory(db, atConnect: false)
            return try attachedSchemas(db)
        }
    }

    /// dbt-sqlite's `sqlite__create_schema`: attach `<schema_directory>/<name>.db`, which SQLite
    /// creates. Nothing to do when the schema is attached already (configured, or created by
    /// another connection and attached by the refresh).
    func createSchema(_ name: String) throws {
        try perform { db in
            if try isAttached(name, db: db) { return }
            guard let directory = configuration.schemaDirectory else {
                throw WarehouseError.noSchemaDirectory(forSchema: name)
            }
            try Self.createDirectory(directory)
            try attach(
                URL(fileURLWithPath: directory).appendingPathComponent(name + ".db").path, as: name, db: db)
        }
    }

    /// dbt-sqlite's `sqlite__list_relations_without_caching`, limited to tables and views; empty
    /// for a schema that is not attached. SQLite reserves names starting with `sqlite_` for
    /// itself; unlike dbt-sqlite's `not like 'sqlite_%'`, the `_` is escaped so that a model
    /// named `sqliteish` is still listed.
    func relations(inSchema schema: String) throws -> [RelationDescription] {
        try perform { db in
            guard try isAttached(schema, db: db) else { return [] }
            let rows = try query(
                """
                select name, type from \(dialect.quote(schema)).sqlite_master
                where type in ('table', 'view') and name not like 'sqlite\\_%' escape '\\'
                order by name
                """, db: db)
            return rows.compactMap { row in
                guard row.count == 2, let name = row[0].text,
                    let kind = row[1].text.flatMap({ RelationDescription.Kind(rawValue: $0) })
                else { return nil }
                return RelationDescription(schema: schema, name: name, kind: kind)
            }
        }
    }

    /// `pragma_table_info` with the table and schema bound (dbt-sqlite splices them into
    /// `pragma <schema>.table_info(<name>)`); a declared type is "" when the column has none.
    func columns(of relation: RelationName) throws -> [ColumnDescription] {
        try perform { db in
            guard try isAttached(relation.schema, db: db) else { return [] }
            let rows = try query(
                "select name, type from pragma_table_info(?, ?) order by cid",
                binding: [.text(relation.identifier), .text(relation.schema)], db: db)
            return rows.compactMap { row in
                guard row.count == 2, let name = row[0].text else { return nil }
                return ColumnDescription(name: name, dataType: row[1].text ?? "")
            }
        }
    }
}
