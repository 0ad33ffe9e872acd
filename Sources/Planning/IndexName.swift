import Checksums
import SQLDialect

/// Names for PostgreSQL indexes built from the `indexes` config: an MD5 of the relation and the
/// index definition, so a rebuild produces the same name and nothing collides across relations.
enum IndexName {
    static func make(relation: RelationName, columns: [String], unique: Bool, method: String?) -> String {
        let definition = [relation.schema, relation.identifier, columns.joined(separator: ","), unique ? "unique" : "", method ?? ""]
            .joined(separator: "|")
        return MD5.hash(definition).hex
    }
}
