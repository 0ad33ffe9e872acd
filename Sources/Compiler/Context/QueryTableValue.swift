import Jinja
import PythonModules

/// A query result as dbt's agate table looks to templates: `rows` (each indexable by position
/// and by name), `columns` (the same by column name, each with `.name` and `.values()`),
/// `column_names`, `print_table()`.
final class QueryTableValue: JinjaObject {
    let table: QueryTable

    init(_ table: QueryTable) { self.table = table }

    var typeName: String { "Table" }
    var pyStr: String { "<agate.table.Table object>" }
    var pyRepr: String { pyStr }

    static func value(_ cell: QueryCell) -> Value {
        switch cell {
        case .null: return .none
        case .int(let number): return .int(number)
        case .double(let number): return .float(number)
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .timestamp(let text): return PythonModules.postgresDatetime(text) ?? .string(text)
        }
    }

    var rowValues: Value {
        .list(table.rows.map { row in .object(QueryRowValue(names: table.columnNames, values: row.map(Self.value))) })
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "rows": return rowValues
        case "column_names": return .tuple(table.columnNames.map(Value.string))
        case "column_types": return .tuple(table.columnTypes.map(Value.string))
        case "columns":
            let columns = table.columnNames.enumerated().map { index, name -> Value in
                let values = self.table.rows.map { index < $0.count ? Self.value($0[index]) : Value.none }
                return .object(QueryColumnValue(name: name, values: values))
            }
            return .object(QueryRowValue(names: table.columnNames, values: columns, typeName: "MappedSequence"))
        case "print_table": return .function("print_table") { _, _ in .none }
        default: return nil
        }
    }

    func iterate(_ context: CallContext) throws -> [Value]? {
        table.rows.map { row in .object(QueryRowValue(names: table.columnNames, values: row.map(Self.value))) }
    }

    var length: Int? { table.rows.count }
}

/// Agate's `MappedSequence`, as a result row or a table's `columns` is: values by position
/// (`row[0]`) and by name (`row['name']`, `row.name`), iterable like a tuple, with `keys()`,
/// `values()`, `items()` and `get()` as a Python mapping has them.
final class QueryRowValue: JinjaObject {
    let names: [String]
    let values: [Value]
    let typeName: String

    init(names: [String], values: [Value], typeName: String = "Row") {
        self.names = names
        self.values = values
        self.typeName = typeName
    }

    var pyStr: String { "<agate.\(typeName): (" + values.map(\.pyRepr).joined(separator: ", ") + ")>" }
    var pyRepr: String { pyStr }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        if case .int(let index) = key {
            let position = index < 0 ? values.count + index : index
            return values.indices.contains(position) ? values[position] : nil
        }
        if let name = key.stringValue, let position = names.firstIndex(of: name) { return values[position] }
        return nil
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "keys": return .function("keys") { _, _ in .tuple(self.names.map(Value.string)) }
        case "values": return .function("values") { _, _ in .tuple(self.values) }
        case "items":
            return .function("items") { _, _ in .tuple(zip(self.names, self.values).map { .tuple([.string($0), $1]) }) }
        case "get":
            return .function("get") { arguments, context in
                let bound = try arguments.bind(["key", "default"], defaults: ["default": .none], function: "get")
                return try self.item(bound["key"], context) ?? bound["default"]
            }
        case "dict": return .function("dict") { _, _ in .dict(zip(self.names, self.values).map { ($0, $1) }) }
        default:
            if let position = names.firstIndex(of: name) { return values[position] }
            return nil
        }
    }

    func iterate(_ context: CallContext) throws -> [Value]? { values }
    var length: Int? { values.count }
}

/// One result column: `.name` and `.values()`.
final class QueryColumnValue: JinjaObject {
    let name: String
    let values: [Value]

    init(name: String, values: [Value]) {
        self.name = name
        self.values = values
    }

    var typeName: String { "Column" }
    var pyStr: String { "<agate.Column \(name)>" }
    var pyRepr: String { pyStr }

    func attribute(_ attribute: String, _ context: CallContext) throws -> Value? {
        switch attribute {
        case "name": return .string(name)
        case "values": return .function("values") { _, _ in .tuple(self.values) }
        default: return nil
        }
    }

    func iterate(_ context: CallContext) throws -> [Value]? { values }
    var length: Int? { values.count }
}
