import Foundation
import Testing
import Warehouse

@testable import PostgresWarehouse

@Suite("execute: statuses, values and types")
struct ExecuteTests {
    @Test("DDL and DML report PostgreSQL's command tags and the rows they touched")
    func statusStrings() throws {
        try Sandbox.run { sandbox in
            let db = sandbox.connection
            let table = sandbox.qualified("events")

            let create = try db.execute("create table \(table) (id integer, name text)")
            #expect(create.status == "CREATE TABLE")
            #expect(create.rowsAffected == nil)
            #expect(create.columns.isEmpty && create.rows.isEmpty)

            let insert = try db.execute("insert into \(table) values (1, 'a'), (2, 'b'), (3, 'c')")
            #expect(insert.status == "INSERT 0 3")
            #expect(insert.rowsAffected == 3)

            let update = try db.execute("update \(table) set name = 'z' where id >= 2")
            #expect(update.status == "UPDATE 2")
            #expect(update.rowsAffected == 2)

            let delete = try db.execute("delete from \(table) where id = 1")
            #expect(delete.status == "DELETE 1")
            #expect(delete.rowsAffected == 1)

            let select = try db.execute("select id from \(table) order by id")
            #expect(select.status == "SELECT 2")
            #expect(select.rows == [[.integer(2)], [.integer(3)]])

            #expect(
                try db.execute("create view \(sandbox.qualified("v")) as select 1 as one").status
                    == "CREATE VIEW")
            #expect(try db.execute("drop table \(table)").status == "DROP TABLE")
        }
    }

    @Test("several statements run in order and the last one's result comes back")
    func severalStatements() throws {
        try Sandbox.run { sandbox in
            let table = sandbox.qualified("t")
            let result = try sandbox.connection.execute(
                "create table \(table) (id int); insert into \(table) values (1), (2); select count(*) as n from \(table)"
            )
            #expect(result.status == "SELECT 1")
            #expect(result.columns == [ColumnDescription(name: "n", dataType: "bigint")])
            #expect(result.rows == [[.integer(2)]])
        }
    }

    @Test("values are converted by column type: booleans, integers, doubles, text, NULL")
    func valuesAndTypes() throws {
        try Sandbox.run { sandbox in
            let result = try sandbox.connection.execute(
                """
                set time zone 'UTC';
                select true as b, 1::smallint as i2, 2::integer as i4, 9223372036854775807::bigint as i8,
                    4::oid as o, 1.5::real as f4, 2.25::double precision as f8, 3.125::numeric(6,3) as n,
                    'x'::text as t, 'y'::varchar(5) as v, 'ab'::char(2) as c, null::integer as nothing,
                    date '2024-02-29' as d, timestamp '2024-02-29 12:34:56' as ts,
                    timestamptz '2024-02-29 12:34:56+00' as tz, 'Infinity'::float8 as inf, 'NaN'::numeric as nan,
                    '{"a": 1}'::jsonb as j, '0.1'::float8 as tenth
                """)
            #expect(
                result.columns.map(\.dataType) == [
                    "boolean", "smallint", "integer", "bigint", "oid", "real", "double precision", "numeric",
                    "text",
                    "character varying", "character", "integer", "date", "timestamp without time zone",
                    "timestamp with time zone", "double precision", "numeric", "jsonb", "double precision",
                ])
            #expect(result.columns.map(\.name).prefix(3) == ["b", "i2", "i4"])
            let row = try #require(result.rows.first)
            #expect(
                Array(row.prefix(15)) == [
                    .boolean(true), .integer(1), .integer(2), .integer(Int64.max), .integer(4), .real(1.5),
                    .real(2.25), .real(3.125), .text("x"), .text("y"), .text("ab"), .null,
                    .text("2024-02-29"),
                    .text("2024-02-29 12:34:56"), .text("2024-02-29 12:34:56+00"),
                ])
            #expect(row[15] == .real(.infinity))
            guard case .real(let nan) = row[16] else {
                Issue.record("NaN came back as \(row[16])")
                return
            }
            #expect(nan.isNaN)
            #expect(row[17] == .text(#"{"a": 1}"#))
            #expect(row[18] == .real(0.1))
        }
    }

    @Test("a type outside the built-in table is named by the server's format_type")
    func typeNameFallback() throws {
        try Sandbox.run { sandbox in
            let mood = sandbox.qualified("mood")
            _ = try sandbox.connection.execute("create type \(mood) as enum ('happy', 'sad')")
            let result = try sandbox.connection.execute(
                "select 'happy'::\(mood) as m, int4range(1, 3) as r, '10.0.0.1'::inet as address")
            #expect(
                result.columns == [
                    ColumnDescription(name: "m", dataType: "\(sandbox.schema).mood"),
                    ColumnDescription(name: "r", dataType: "int4range"),
                    ColumnDescription(name: "address", dataType: "inet"),
                ])
            #expect(result.rows == [[.text("happy"), .text("[1,3)"), .text("10.0.0.1")]])
        }
    }

    @Test("the built-in type names agree with the server's format_type(oid, NULL)")
    func builtInTypeNames() throws {
        try Sandbox.run { sandbox in
            let oids = PostgresType.names.keys.map(String.init).joined(separator: ", ")
            let rows = try sandbox.connection.rows(
                "select oid::int8, pg_catalog.format_type(oid, NULL) from pg_catalog.pg_type where oid in (\(oids))"
            )
            var server: [UInt32: String] = [:]
            for row in rows {
                if case .integer(let oid) = row[0], case .text(let name) = row[1] {
                    server[UInt32(oid)] = name
                }
            }
            #expect(server == PostgresType.names)
        }
    }

    @Test("a rolled-back transaction leaves nothing behind, loads included")
    func rollback() throws {
        try Sandbox.run { sandbox in
            let db = sandbox.connection
            _ = try db.execute("begin")
            _ = try db.execute("create table \(sandbox.qualified("t")) (id integer)")
            _ = try db.execute("insert into \(sandbox.qualified("t")) values (1)")
            #expect(try db.load(into: sandbox.relation("t"), columns: ["id"], rows: [[.integer(2)]]) == 1)
            #expect(try db.rows("select count(*) from \(sandbox.qualified("t"))") == [[.integer(2)]])
            #expect(try db.execute("rollback").status == "ROLLBACK")
            #expect(try db.relations(inSchema: sandbox.schema).isEmpty)
        }
    }

    @Test("an empty statement succeeds with an empty result")
    func emptyStatement() throws {
        try Sandbox.run { sandbox in
            let result = try sandbox.connection.execute("")
            #expect(result.columns.isEmpty && result.rows.isEmpty)
        }
    }
}
