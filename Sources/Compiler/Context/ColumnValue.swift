import Jinja

/// dbt's `Column` (`api.Column`, `adapter.get_columns_in_relation`): name, type and the type
/// predicates macros use.
final class ColumnValue: JinjaObject {
    let column: String
    let dtype: String
    let charSize: Int?
    let numericPrecision: Int?
    let numericScale: Int?

    /// dbt-postgres' `PostgresColumn`: `text` and an unsized `character varying` keep their type
    /// (the base `Column` sizes every string as `character varying(256)`).
    let keepsUnsizedStrings: Bool

    init(
        column: String, dtype: String, charSize: Int? = nil, numericPrecision: Int? = nil, numericScale: Int? = nil,
        keepsUnsizedStrings: Bool = false
    ) {
        self.column = column
        self.dtype = dtype
        self.charSize = charSize
        self.numericPrecision = numericPrecision
        self.numericScale = numericScale
        self.keepsUnsizedStrings = keepsUnsizedStrings
    }

    /// dbt's `Column.from_description`: a type as the warehouse writes it split into the base
    /// type and its size (`character varying(20)`: 20 characters) or precision and scale
    /// (`numeric(10,2)`), as dbt's adapters describe a relation's columns.
    ///
    /// For PostgreSQL (`postgres`), what dbt-postgres reads from `information_schema.columns`:
    /// integers and floats carry their binary precision (`integer`: 32, scale 0), arrays are
    /// `ARRAY`, and `text` and an unsized `character varying` keep their type.
    static func fromDescription(_ name: String, _ rawType: String, postgres: Bool) -> ColumnValue {
        let column = fromDescription(name, rawType, keepsUnsizedStrings: postgres)
        guard postgres else { return column }
        let binary: [String: (Int, Int?)] = [
            "smallint": (16, 0), "integer": (32, 0), "bigint": (64, 0), "real": (24, nil), "double precision": (53, nil),
        ]
        if let (precision, scale) = binary[column.dtype] {
            return ColumnValue(
                column: name, dtype: column.dtype, numericPrecision: precision, numericScale: scale, keepsUnsizedStrings: true)
        }
        if rawType.hasSuffix("[]") { return ColumnValue(column: name, dtype: "ARRAY", keepsUnsizedStrings: true) }
        return column
    }

    private static func fromDescription(_ name: String, _ rawType: String, keepsUnsizedStrings: Bool) -> ColumnValue {
        guard let open = rawType.firstIndex(of: "("), let close = rawType[open...].firstIndex(of: ")"), open > rawType.startIndex
        else { return ColumnValue(column: name, dtype: rawType, keepsUnsizedStrings: keepsUnsizedStrings) }
        let sizes = rawType[rawType.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return ColumnValue(
            column: name, dtype: String(rawType[..<open]), charSize: sizes.count == 1 ? sizes[0] : nil,
            numericPrecision: sizes.count == 2 ? sizes[0] : nil, numericScale: sizes.count == 2 ? sizes[1] : nil,
            keepsUnsizedStrings: keepsUnsizedStrings)
    }

    var typeName: String { "Column" }
    var pyRepr: String { "<Column \(column) (\(dataType))>" }

    static func translateType(_ dtype: String) -> String { dtype.uppercased() == "STRING" ? "TEXT" : dtype }

    static func numericType(_ dtype: String, _ precision: Value, _ scale: Value) -> String {
        if precision.isNone || scale.isNone { return dtype }
        return "\(dtype)(\(precision.pyStr),\(scale.pyStr))"
    }

    private var lower: String { dtype.lowercased() }
    var isString: Bool { ["text", "character varying", "character", "varchar"].contains(lower) }
    var isInteger: Bool {
        ["smallint", "integer", "bigint", "smallserial", "serial", "bigserial", "int2", "int4", "int8", "serial2",
            "serial4", "serial8"].contains(lower)
    }
    var isFloat: Bool { ["real", "float4", "float", "double precision", "float8", "double"].contains(lower) }
    var isNumeric: Bool { ["numeric", "decimal"].contains(lower) }

    var stringSize: Int { dtype == "text" || charSize == nil ? 256 : charSize ?? 256 }

    var dataType: String {
        if keepsUnsizedStrings, lower == "text" || (lower == "character varying" && charSize == nil) { return dtype }
        if isString { return "character varying(\(stringSize))" }
        if isNumeric {
            return Self.numericType(
                dtype, numericPrecision.map(Value.int) ?? .none, numericScale.map(Value.int) ?? .none)
        }
        return dtype
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "name", "column": return .string(column)
        case "dtype": return .string(dtype)
        case "data_type", "expanded_data_type": return .string(dataType)
        case "quoted": return .string("\"\(column)\"")
        case "char_size": return charSize.map(Value.int) ?? Value.none
        case "numeric_precision": return numericPrecision.map(Value.int) ?? Value.none
        case "numeric_scale": return numericScale.map(Value.int) ?? Value.none
        case "is_string": return .function(name) { _, _ in .bool(self.isString) }
        case "is_number": return .function(name) { _, _ in .bool(self.isInteger || self.isNumeric || self.isFloat) }
        case "is_numeric": return .function(name) { _, _ in .bool(self.isNumeric) }
        case "is_integer": return .function(name) { _, _ in .bool(self.isInteger) }
        case "is_float": return .function(name) { _, _ in .bool(self.isFloat) }
        case "string_size": return .function(name) { _, _ in .int(self.stringSize) }
        case "literal": return .function(name) { arguments, _ in
            .string("\((arguments.positional.first ?? .none).pyStr)::\(self.dataType)")
        }
        default: return nil
        }
    }

    /// `api.Column`: the class, with its class methods.
    static let classObject = Value.dict([
        ("translate_type", .function("translate_type") { arguments, _ in
            .string(translateType((arguments.positional.first ?? .none).pyStr))
        }),
        ("numeric_type", .function("numeric_type") { arguments, _ in
            let bound = try arguments.bind(["dtype", "precision", "scale"], function: "numeric_type")
            return .string(numericType(bound["dtype"].pyStr, bound["precision"], bound["scale"]))
        }),
        ("string_type", .function("string_type") { arguments, _ in
            .string("character varying(\((arguments.positional.first ?? .none).pyStr))")
        }),
        ("create", .function("create") { arguments, _ in
            let bound = try arguments.bind(["name", "label_or_dtype"], function: "create")
            return .object(ColumnValue(column: bound["name"].pyStr, dtype: translateType(bound["label_or_dtype"].pyStr)))
        }),
    ])
}
