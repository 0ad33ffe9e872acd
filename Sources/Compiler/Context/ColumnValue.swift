import Jinja

/// dbt's `Column` (`api.Column`, `adapter.get_columns_in_relation`): name, type and the type
/// predicates macros use.
final class ColumnValue: JinjaObject {
    let column: String
    let dtype: String
    let charSize: Int?
    let numericPrecision: Int?
    let numericScale: Int?

    init(column: String, dtype: String, charSize: Int? = nil, numericPrecision: Int? = nil, numericScale: Int? = nil) {
        self.column = column
        self.dtype = dtype
        self.charSize = charSize
        self.numericPrecision = numericPrecision
        self.numericScale = numericScale
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
