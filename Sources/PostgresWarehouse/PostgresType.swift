import CLibPQ
import Warehouse

/// What Weir knows about PostgreSQL's built-in types by OID, without asking the server: the
/// name `format_type(oid, NULL)` gives for the common ones, and how a value in text format
/// becomes a `WarehouseValue`. OIDs of built-in types are fixed (`pg_type.dat`); any other type
/// is named by asking the server (`PostgresConnection.typeName(of:)`).
enum PostgresType {
    static let bool: Oid = 16
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let oid: Oid = 26
    static let float4: Oid = 700
    static let float8: Oid = 701
    static let numeric: Oid = 1700

    /// `format_type(oid, NULL)` for the types models and seeds commonly produce, checked
    /// against the server by the tests.
    static let names: [Oid: String] = [
        16: "boolean",
        17: "bytea",
        18: "\"char\"",
        19: "name",
        20: "bigint",
        21: "smallint",
        23: "integer",
        25: "text",
        26: "oid",
        114: "json",
        142: "xml",
        650: "cidr",
        700: "real",
        701: "double precision",
        705: "unknown",
        869: "inet",
        1000: "boolean[]",
        1005: "smallint[]",
        1007: "integer[]",
        1009: "text[]",
        1015: "character varying[]",
        1016: "bigint[]",
        1021: "real[]",
        1022: "double precision[]",
        1042: "character",
        1043: "character varying",
        1082: "date",
        1083: "time without time zone",
        1114: "timestamp without time zone",
        1115: "timestamp without time zone[]",
        1182: "date[]",
        1184: "timestamp with time zone",
        1185: "timestamp with time zone[]",
        1186: "interval",
        1231: "numeric[]",
        1266: "time with time zone",
        1700: "numeric",
        2950: "uuid",
        2951: "uuid[]",
        3802: "jsonb",
        3807: "jsonb[]",
    ]

    /// A value in PostgreSQL's text output format as the closest `WarehouseValue`: booleans and
    /// integers exactly, floating-point and numeric as doubles (dbt's agate reads them as
    /// numbers too), everything else as its text. A value that does not parse stays text
    /// rather than failing the query.
    static func value(_ text: String, oid: Oid) -> WarehouseValue {
        switch oid {
        case bool:
            return .boolean(text == "t")
        case int2, int4, int8, Self.oid:
            return Int64(text).map(WarehouseValue.integer) ?? .text(text)
        case float4, float8, numeric:
            return Double(text).map(WarehouseValue.real) ?? .text(text)
        default:
            return .text(text)
        }
    }
}
