/// A constraint declared in YAML properties, on a model (`constraints:` beside `columns:`) or on
/// one of its columns: dbt's `ModelLevelConstraint` and `ColumnLevelConstraint`, read from the
/// mapping the node keeps as written (`ManifestNode.constraints`, `ColumnInfo.constraints`).
public struct Constraint: Sendable, Hashable {
    /// dbt's `ConstraintType`, in its declaration order (dbt lists them in that order).
    public enum Kind: String, Sendable, CaseIterable {
        case check
        case notNull = "not_null"
        case unique
        case primaryKey = "primary_key"
        case foreignKey = "foreign_key"
        case custom
    }

    public var kind: Kind
    public var name: String?
    /// The check's predicate, the keywords after `unique`/`primary key`, a foreign key's
    /// `references ...` target, or a custom constraint's whole text.
    public var expression: String?
    /// Whether to warn when the warehouse keeps the constraint in the DDL without enforcing it.
    public var warnUnenforced = true
    /// Whether to warn when the warehouse (or the materialization) cannot take the constraint.
    public var warnUnsupported = true
    /// A foreign key's referenced relation: `ref('customers')`, `source('shop', 'users')`, or a name.
    public var to: String?
    public var toColumns: [String] = []
    /// A model-level constraint's columns.
    public var columns: [String] = []

    /// Reads a constraint mapping; nil when it has no `type` or one dbt does not define.
    public init?(_ value: ConfigValue) {
        guard let map = value.mapValue, let type = map["type"]?.stringValue, let kind = Kind(rawValue: type)
        else { return nil }
        self.kind = kind
        name = map["name"].flatMap(Self.text)
        expression = map["expression"].flatMap(Self.text)
        warnUnenforced = map["warn_unenforced"]?.boolValue ?? true
        warnUnsupported = map["warn_unsupported"]?.boolValue ?? true
        to = map["to"].flatMap(Self.text)
        toColumns = map["to_columns"]?.stringList ?? []
        columns = map["columns"]?.stringList ?? []
    }

    private static func text(_ value: ConfigValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "True" : "False"
        case .list, .map: return nil
        }
    }
}

extension ManifestNode {
    /// `contract: {enforced: true}`.
    public var contractEnforced: Bool { self.config["contract"]?.mapValue?["enforced"]?.boolValue == true }

    /// `contract.alias_types` (default true): declared types such as `string` are translated to
    /// the warehouse's (`TEXT`) before they are used.
    public var contractAliasesTypes: Bool { self.config["contract"]?.mapValue?["alias_types"]?.boolValue ?? true }

    /// dbt's `materialization_enforces_constraints`: only tables and incremental models get
    /// constraints in their DDL.
    public var materializationEnforcesConstraints: Bool { ["table", "incremental"].contains(materialized) }

    /// The model-level constraints that read as constraints (the others are reported when parsed).
    public var modelConstraints: [Constraint] { self.constraints.compactMap(Constraint.init) }

    /// What each foreign key references (`to`), the model's constraints first, then its columns'.
    public var foreignKeyReferences: [String] {
        // Read in place: this runs for every model several times, and copying each column (to
        // find that it has no constraint) retains all of its fields.
        let columns = self.columns
        var references: [String] = []
        for value in self.constraints {
            if let constraint = Constraint(value), constraint.kind == .foreignKey, let to = constraint.to { references.append(to) }
        }
        for index in columns.indices where !columns[index].constraints.isEmpty {
            for value in columns[index].constraints {
                if let constraint = Constraint(value), constraint.kind == .foreignKey, let to = constraint.to { references.append(to) }
            }
        }
        return references
    }
}

extension ColumnInfo {
    public var columnConstraints: [Constraint] { self.constraints.compactMap(Constraint.init) }
}
