/// One value crossing the warehouse boundary: a result cell, or a value to load. Values always
/// travel as bind parameters or COPY data, never spliced into SQL text.
public enum WarehouseValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)

    /// The value as text (as COPY and result printing want it); nil for NULL.
    public var text: String? {
        switch self {
        case .null: return nil
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return value
        case .boolean(let value): return value ? "true" : "false"
        }
    }
}
