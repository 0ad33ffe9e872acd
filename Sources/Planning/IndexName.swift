import Checksums
import SQLDialect

/// Names for PostgreSQL indexes built from the `indexes` config: an MD5 of the relation and the
/// index definition, so a rebuild produces the same name and nothing collides across relations.
enum IndexName {
    /// A partial index's predicate is part of the definition only when there is one, so the
    /// names of other indexes stay those earlier builds gave them.
    static func make(relation: RelationName, columns: [String], unique: Bool, method: String?, predicate: String? = nil) -> String {
        var parts = [relation.schema, relation.identifier, columns.joined(separator: ","), unique ? "unique" : "", method ?? ""]
        if let predicate { parts.append(predicate) }
        let definition = parts.joined(separator: "|")
        return MD5.hash(definition).hex
    }
}
