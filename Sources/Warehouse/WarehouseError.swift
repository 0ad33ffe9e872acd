/// Any failure talking to a warehouse, as one struct (postgres-nio's model): what kind of
/// failure, the SQLSTATE and server message, detail, hint, the 1-based character position in
/// the statement, and the statement. Its description never contains credentials or bound values.
public struct WarehouseError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The server could not be reached or the connection broke.
        case connection
        /// The server refused the credentials.
        case authentication
        /// A statement failed.
        case query
        /// The statement was cancelled (`cancel()`, Ctrl-C).
        case cancelled
        /// The profile's connection settings are unusable (a missing field, a bad path).
        case configuration
    }

    public var kind: Kind
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character offset into `statement` where the server located the error.
    public var position: Int?
    public var statement: String?

    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, hint: String? = nil,
        position: Int? = nil, statement: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.statement = statement
    }

    public var description: String {
        var text = sqlState.map { "\($0): \(message)" } ?? message
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }

    /// The 1-based line and column of `position` within `statement`, for mapping an error back
    /// to the compiled file.
    public var lineAndColumn: (line: Int, column: Int)? {
        guard let position, let statement, position >= 1 else { return nil }
        var line = 1
        var column = 1
        for (offset, character) in statement.enumerated() {
            if offset == position - 1 { return (line, column) }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
