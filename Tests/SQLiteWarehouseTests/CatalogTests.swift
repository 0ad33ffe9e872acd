import SQLDialect
import SQLiteWarehouse
import Testing
import Warehouse

/// What the connection reports about relations without running queries for the caller.
@Suite struct CatalogTests {
    let sandbox: Sandbox
    let connection: any WarehouseConnection

    init() throws {
        sandbox = try Sandbox()
        connection = try sandbox.connect()
        _ = try connection.execute(
            """
            create table orders (id integer primary key autoincrement, "Amount" numeric(10, 2), note);
            create index orders_note on orders (note);
            create view big_orders as select id, "Amount" * 2 as doubled from orders;
            create table sqliteish (x text);
            """)
    }

    @Test func relationsAreTablesAndViewsWithoutSQLitesOwn() throws {
        // `sqlite_sequence` (from autoincrement) and the index are not relations.
        #expect(
            try connection.relations(inSchema: "main") == [
                RelationDescription(schema: "main", name: "big_orders", kind: .view),
                RelationDescription(schema: "main", name: "orders", kind: .table),
                RelationDescription(schema: "main", name: "sqliteish", kind: .table),
            ])
    }

    @Test func columnsAreInOrderWithDeclaredTypes() throws {
        let orders = RelationName(database: nil, schema: "main", identifier: "orders")
        #expect(
            try connection.columns(of: orders) == [
                ColumnDescription(name: "id", dataType: "INTEGER"),
                ColumnDescription(name: "Amount", dataType: "numeric(10, 2)"),
                ColumnDescription(name: "note", dataType: ""),
            ])
        #expect(try connection.columns(of: orders.renamed("big_orders")).map(\.name) == ["id", "doubled"])
        #expect(try connection.columns(of: orders.renamed("nothing")) == [])
        #expect(try connection.columns(of: orders.renamed("o'brien\"s")) == [])
    }

    @Test func aSchemasColumnsAreEachRelationsColumns() throws {
        let columns = try connection.columnsByRelation(inSchema: "main")
        #expect(Set(columns.keys) == ["big_orders", "orders", "sqliteish"])
        for (name, found) in columns {
            #expect(found == (try connection.columns(of: RelationName(database: nil, schema: "main", identifier: name))))
        }
    }

    @Test func describePreparesWithoutRunning() throws {
        #expect(
            try connection.describe(query: "select id, note, id + 1 as next from orders") == [
                ColumnDescription(name: "id", dataType: "INTEGER"),
                ColumnDescription(name: "note", dataType: ""),
                ColumnDescription(name: "next", dataType: ""),
            ])
        _ = try connection.execute("insert into orders (note) values ('kept')")
        #expect(try connection.describe(query: "delete from orders") == [])
        #expect(try connection.rows("select note from orders") == [[.text("kept")]])

        let error = #expect(throws: WarehouseError.self) {
            try connection.describe(query: "select\n  missing from orders")
        }
        #expect(error?.message == "no such column: missing")
        #expect(error?.lineAndColumn?.line == 2)
        #expect(error?.lineAndColumn?.column == 3)
    }
}
