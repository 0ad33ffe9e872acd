import Foundation
import Planning
import SQLDialect
import Warehouse

/// What relations exist, read once per schema at the start of a run and kept current as nodes
/// build, so planning a node needs no query for existence. Thread-safe.
final class RelationCatalog: @unchecked Sendable {
    private let lock = NSLock()
    private var schemas: [String: [String: SQLDialect.RelationKind]] = [:]
    let caseInsensitive: Bool
    let dialect: SQLDialect
    private var cascaded = false

    init(dialect: SQLDialect) {
        caseInsensitive = !dialect.relationsIncludeDatabase
        self.dialect = dialect
    }

    /// A name as the warehouse lists it: cut to its identifier limit (and in one case on SQLite).
    private func key(_ name: String) -> String {
        let stored = dialect.stored(name)
        return caseInsensitive ? stored.lowercased() : stored
    }

    func load(schema: String, from connection: any WarehouseConnection) throws {
        let relations = try connection.relations(inSchema: schema)
        lock.lock()
        defer { lock.unlock() }
        var entries: [String: SQLDialect.RelationKind] = [:]
        for relation in relations { entries[key(relation.name)] = relation.kind }
        schemas[key(schema)] = entries
    }

    func knows(schema: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return schemas[key(schema)] != nil
    }

    func kind(of relation: RelationName) -> SQLDialect.RelationKind? {
        lock.lock()
        defer { lock.unlock() }
        return schemas[key(relation.schema)]?[key(relation.identifier)]
    }

    func record(_ relation: RelationName, kind: SQLDialect.RelationKind?) {
        lock.lock()
        defer { lock.unlock() }
        schemas[key(relation.schema), default: [:]][key(relation.identifier)] = kind
    }

    /// A relation was replaced with `drop ... cascade`, which may have taken views built on it.
    func noteCascadingDrops() {
        lock.lock()
        cascaded = true
        lock.unlock()
    }

    /// Whether a view the catalog lists may since have been dropped by a cascade.
    var viewsMayHaveCascaded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cascaded
    }

    /// Facts for planning one node: existence and leftovers of an interrupted run.
    func facts(for relation: RelationName) -> RelationFacts {
        var facts = RelationFacts(existing: kind(of: relation))
        for suffix in [Planner.temporarySuffix, Planner.backupSuffix] {
            let leftover = dialect.suffixed(relation, suffix)
            if let kind = kind(of: leftover) { facts.leftovers.append((leftover.identifier, kind)) }
        }
        return facts
    }
}
