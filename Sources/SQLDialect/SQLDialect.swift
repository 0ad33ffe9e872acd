import Foundation

/// What differs between warehouses when Weir writes SQL: mostly data (capability flags and
/// names), as sqlglot keeps its dialects. Redshift is PostgreSQL plus deltas.
public struct SQLDialect: Sendable, Hashable {
    /// The adapter type as profiles name it (`postgres`, `redshift`, `sqlite`).
    public let adapterType: String
    /// The macro prefixes `adapter.dispatch` tries before `default__`, most specific first:
    /// dbt searches the adapter, then the adapters it inherits from.
    public let dispatchPrefixes: [String]
    /// Whether relation names include the database part (`"db"."schema"."table"`); SQLite
    /// attaches databases as schemas, so its names are `"schema"."table"`.
    public let relationsIncludeDatabase: Bool
    /// Whether unquoted identifiers fold to lower case (PostgreSQL) rather than staying as written.
    public let foldsUnquotedToLowercase: Bool
    /// The longest identifier the warehouse keeps, in bytes (PostgreSQL's 63, Redshift's 127);
    /// a longer one is cut to it, silently. Nil: no limit.
    public var maxIdentifierBytes: Int? = nil

    public static let postgres = SQLDialect(
        adapterType: "postgres", dispatchPrefixes: ["postgres"], relationsIncludeDatabase: true,
        foldsUnquotedToLowercase: true, maxIdentifierBytes: 63)
    public static let redshift = SQLDialect(
        adapterType: "redshift", dispatchPrefixes: ["redshift", "postgres"], relationsIncludeDatabase: true,
        foldsUnquotedToLowercase: true, maxIdentifierBytes: 127)
    public static let sqlite = SQLDialect(
        adapterType: "sqlite", dispatchPrefixes: ["sqlite"], relationsIncludeDatabase: false,
        foldsUnquotedToLowercase: false)

    /// The identifier as the warehouse keeps it: cut to `maxIdentifierBytes` on a character
    /// boundary, as PostgreSQL cuts a longer name.
    public func stored(_ identifier: String) -> String { Self.prefix(identifier, bytes: maxIdentifierBytes) }

    /// `relation` under its identifier with `suffix` (`__weir_tmp`): the identifier cut so that
    /// both fit the warehouse's limit, as dbt's `make_relation_with_suffix` cuts it. Uncut, a
    /// long model's temporary relation would be cut to the model's own name.
    public func suffixed(_ relation: RelationName, _ suffix: String) -> RelationName {
        let room = maxIdentifierBytes.map { $0 - suffix.utf8.count }
        return relation.renamed(Self.prefix(relation.identifier, bytes: room) + suffix)
    }

    private static func prefix(_ text: String, bytes limit: Int?) -> String {
        guard let limit, text.utf8.count > limit else { return text }
        var end = text.startIndex
        var used = 0
        for character in text {
            let size = character.utf8.count
            guard used + size <= max(limit, 0) else { break }
            used += size
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    /// The dialect for a profile's `type`, or nil when Weir does not support it.
    public static func named(_ adapterType: String) -> SQLDialect? {
        switch adapterType {
        case "postgres": return .postgres
        case "redshift": return .redshift
        case "sqlite": return .sqlite
        default: return nil
        }
    }

    public static let supportedAdapterTypes = ["postgres", "redshift", "sqlite"]

    /// Quotes an identifier with double quotes, doubling embedded ones (all three warehouses agree).
    public func quote(_ identifier: String) -> String {
        var quoted = ""
        appendQuoted(identifier, to: &quoted)
        return quoted
    }

    /// Appends `quote(identifier)` to `text`.
    public func appendQuoted(_ identifier: String, to text: inout String) {
        // Every relation name of every render goes through here: the usual identifier, without
        // a quote in it (found with `memchr`), is appended as it is between quotes.
        let hasQuote =
            identifier.utf8.withContiguousStorageIfAvailable {
                $0.count > 0 && memchr($0.baseAddress!, Int32(UInt8(ascii: "\"")), $0.count) != nil
            } ?? identifier.utf8.contains(UInt8(ascii: "\""))
        text.append("\"")
        text.append(hasQuote ? identifier.replacingOccurrences(of: "\"", with: "\"\"") : identifier)
        text.append("\"")
    }

    /// The macro names `adapter.dispatch` searches for `name`, in order.
    public func dispatchCandidates(for name: String) -> [String] {
        (dispatchPrefixes + ["default"]).map { "\($0)__\(name)" }
    }
}

extension SQLDialect {
    /// The `code` of an adapter response, as dbt-postgres derives it from the status message:
    /// its words but the numbers (`SELECT 3` -> `SELECT`, `INSERT 0 5` -> `INSERT`, `CREATE VIEW`
    /// stays `CREATE VIEW`).
    public static func responseCode(_ status: String) -> String {
        status.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }.joined(separator: " ")
    }
}
