import Testing
import Warehouse

@Suite("Introspection: schemas, relations, columns, describe")
struct IntrospectionTests {
    @Test("createSchema is idempotent and the schema is listed, with the system ones")
    func schemas() throws {
        try Sandbox.run { sandbox in
            let name = sandbox.schema + "_Extra \"quoted\""
            defer {
                _ = try? sandbox.connection.execute(
                    "drop schema if exists \(sandbox.connection.dialect.quote(name))")
            }
            try sandbox.connection.createSchema(name)
            try sandbox.connection.createSchema(name)
            let schemas = try sandbox.connection.schemas()
            #expect(schemas.contains(name))
            #expect(schemas.contains(sandbox.schema))
            #expect(schemas.contains("public") && schemas.contains("pg_catalog"))
        }
    }

    @Test("tables, partitioned tables and views are listed by name with their kind; sequences are not")
    func relations() throws {
        try Sandbox.run { sandbox in
            _ = try sandbox.connection.execute(
                """
                create table \(sandbox.qualified("orders")) (id integer);
                create view \(sandbox.qualified("Recent Orders")) as select id from \(sandbox.qualified("orders"));
                create table \(sandbox.qualified("events")) (id integer) partition by range (id);
                create table \(sandbox.qualified("events_1")) partition of \(sandbox.qualified("events"))
                    for values from (0) to (10);
                create sequence \(sandbox.qualified("ids"));
                """)
            #expect(
                try sandbox.connection.relations(inSchema: sandbox.schema) == [
                    RelationDescription(schema: sandbox.schema, name: "Recent Orders", kind: .view),
                    RelationDescription(schema: sandbox.schema, name: "events", kind: .table),
                    RelationDescription(schema: sandbox.schema, name: "events_1", kind: .table),
                    RelationDescription(schema: sandbox.schema, name: "orders", kind: .table),
                ])
            #expect(try sandbox.connection.relations(inSchema: sandbox.schema + "_missing").isEmpty)
        }
    }

    @Test("columns come in order with their declared types; dropped columns are gone")
    func columns() throws {
        try Sandbox.run { sandbox in
            _ = try sandbox.connection.execute(
                """
                create table \(sandbox.qualified("t")) (
                    id integer, gone text, name varchar(20), amount numeric(10,2), created_at timestamp,
                    "Mixed Case" text, flags boolean[]);
                alter table \(sandbox.qualified("t")) drop column gone;
                create view \(sandbox.qualified("v")) as select id, name from \(sandbox.qualified("t"));
                """)
            #expect(
                try sandbox.connection.columns(of: sandbox.relation("t")) == [
                    ColumnDescription(name: "id", dataType: "integer"),
                    ColumnDescription(name: "name", dataType: "character varying(20)"),
                    ColumnDescription(name: "amount", dataType: "numeric(10,2)"),
                    ColumnDescription(name: "created_at", dataType: "timestamp without time zone"),
                    ColumnDescription(name: "Mixed Case", dataType: "text"),
                    ColumnDescription(name: "flags", dataType: "boolean[]"),
                ])
            #expect(
                try sandbox.connection.columns(of: sandbox.relation("v")) == [
                    ColumnDescription(name: "id", dataType: "integer"),
                    ColumnDescription(name: "name", dataType: "character varying(20)"),
                ])
        }
    }

    @Test("a schema's columns in one query are each relation's columns")
    func columnsOfASchema() throws {
        try Sandbox.run { sandbox in
            _ = try sandbox.connection.execute(
                """
                create table \(sandbox.qualified("t")) (id integer, gone text, name varchar(20), "Mixed Case" text);
                alter table \(sandbox.qualified("t")) drop column gone;
                create view \(sandbox.qualified("v")) as select name, id from \(sandbox.qualified("t"));
                create table \(sandbox.qualified("empty")) ();
                """)
            let columns = try sandbox.connection.columnsByRelation(inSchema: sandbox.schema)
            #expect(Set(columns.keys) == ["t", "v"])
            for name in ["t", "v"] {
                #expect(columns[name] == (try sandbox.connection.columns(of: sandbox.relation(name))))
            }
            #expect(columns["v"]?.map(\.name) == ["name", "id"])
            #expect(try sandbox.connection.columnsByRelation(inSchema: sandbox.schema + "_missing").isEmpty)
        }
    }

    @Test("a relation that does not exist has no columns")
    func missingRelation() throws {
        try Sandbox.run { sandbox in
            let columns = try sandbox.connection.columns(of: sandbox.relation("nothing"))
            #expect(columns.isEmpty)
        }
    }

    @Test("describe names a query's columns without running it")
    func describe() throws {
        try Sandbox.run { sandbox in
            let table = sandbox.qualified("t")
            _ = try sandbox.connection.execute("create table \(table) (id integer, name varchar(20))")
            let columns = try sandbox.connection.describe(
                query: "insert into \(table) (id, name) values (1, 'x') returning id, name, now() as at")
            #expect(
                columns == [
                    ColumnDescription(name: "id", dataType: "integer"),
                    ColumnDescription(name: "name", dataType: "character varying"),
                    ColumnDescription(name: "at", dataType: "timestamp with time zone"),
                ])
            #expect(try sandbox.connection.rows("select count(*) from \(table)") == [[.integer(0)]])
            #expect(try sandbox.connection.describe(query: "create table x (id int)").isEmpty)
        }
    }

    @Test("describing a broken query reports the error")
    func describeError() throws {
        try Sandbox.run { sandbox in
            let sql = "select * from no_such_table"
            let error = try #require(throws: WarehouseError.self) {
                try sandbox.connection.describe(query: sql)
            }
            #expect(error.sqlState == "42P01")
            #expect(error.position == 15)
            #expect(error.statement == sql)
        }
    }
}
