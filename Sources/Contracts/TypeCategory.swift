import Foundation

/// The kinds of value a vocabulary stub may allow (`types: [integer, text]`), which every
/// warehouse type name falls into.
public enum TypeCategory: String, Sendable, CaseIterable {
    case integer, numeric, text, boolean, date, timestamp

    /// The categories a warehouse's type name may hold, or nil when the type says nothing (SQLite's
    /// empty declared type, which an expression such as `count(*)` has, or a type Weir does not know).
    ///
    /// PostgreSQL's types are exact. SQLite keeps a column's *affinity* (`INT`, `REAL`, `TEXT`,
    /// `NUM`) when a table is created from a query, and stores dates and booleans as text or
    /// numbers, so its names stand for several categories: a check on SQLite only reports what
    /// the warehouse itself rules out (text in an `n_` column, say).
    public static func categories(ofWarehouseType name: String, adapterType: String) -> Set<TypeCategory>? {
        let type = name.lowercased().trimmingCharacters(in: .whitespaces)
        let base = String(type.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
        if adapterType == "sqlite" { return sqliteCategories(base) }
        switch base {
        case "smallint", "integer", "bigint", "int", "int2", "int4", "int8", "smallserial", "serial", "bigserial":
            return [.integer]
        case "numeric", "decimal", "real", "double precision", "float4", "float8", "float", "money":
            return [.numeric]
        case "text", "character varying", "varchar", "character", "char", "bpchar", "name", "citext", "uuid":
            return [.text]
        case "boolean", "bool": return [.boolean]
        case "date": return [.date]
        default:
            if base.hasPrefix("timestamp") { return [.timestamp] }
            return nil
        }
    }

    /// SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), applied to a declared type.
    private static func sqliteCategories(_ type: String) -> Set<TypeCategory>? {
        if type.isEmpty || type == "blob" { return nil }
        if type.contains("int") { return [.integer, .boolean] }
        if type.contains("char") || type.contains("clob") || type.contains("text") { return [.text, .date, .timestamp] }
        if type.contains("real") || type.contains("floa") || type.contains("doub") { return [.numeric] }
        // NUMERIC affinity: `numeric`, `decimal`, `boolean`, `date`, `datetime` and SQLite's `NUM`.
        return [.integer, .numeric, .boolean, .date, .timestamp]
    }
}
