import Foundation
import ProjectModel

/// One of dbt's config (or small record) dataclasses, as data: its fields in dbt's declaration
/// order with the defaults dbt fills in, and how a set value is normalised. `apply` lays a
/// resolved `ConfigMap` (which holds only what was set) over the defaults, the way dbt's
/// `to_dict(omit_none=False)` then writes every field, then appends the keys dbt does not know
/// in their order, as its `AdditionalPropertiesMixin` flattens `_extra` after the fields.
struct ConfigShape: Sendable {
    struct Field: Sendable {
        var name: String
        var defaultValue: JSONValue
        var kind: Kind
        /// Other spellings dbt accepts for the field (`pre_hook` for `pre-hook`).
        var aliases: [String]

        init(_ name: String, _ defaultValue: JSONValue, _ kind: Kind = .plain, aliases: [String] = []) {
            self.name = name
            self.defaultValue = defaultValue
            self.kind = kind
            self.aliases = aliases
        }

        /// A field holding a nested record: its default is the record's defaults.
        static func record(_ name: String, _ shape: ConfigShape) -> Field {
            Field(name, .object(shape.apply(ConfigMap())), .record(shape))
        }
    }

    indirect enum Kind: Sendable {
        /// Written as set.
        case plain
        /// `tags`: one string becomes a one-item list (dbt's merge `_listify`s it).
        case stringList
        /// `pre-hook`/`post-hook`: a list of `{sql, transaction, index}`.
        case hooks
        /// A nested record laid over its defaults (`docs`, `contract`...).
        case record(ConfigShape)
        /// A model's `freshness`: kept only when it has a `build_after` mapping, as dbt scrubs it.
        case modelFreshness
        /// `static_analysis`: YAML reads `on`/`off` as booleans; dbt writes them back as strings.
        case onOff
    }

    let fields: [Field]
    /// Whether keys dbt does not declare are kept after the fields (dbt's configs and other
    /// `AdditionalPropertiesMixin` classes) or dropped (closed records such as `Docs`).
    let keepsExtraKeys: Bool

    /// Every name and alias of `fields`: the field's position, and 0 for its name, 1 for its
    /// first alias and so on (the name wins over an alias, an earlier alias over a later one).
    private let slots: [String: (field: Int, rank: Int)]

    /// The members of `apply(ConfigMap())` as text (`"name": default`, separated by `", "`), and
    /// where each field's lies in it. A node's config sets a few of its thirty-odd fields: the
    /// runs of defaults between them are copied as written once, rather than each field looked
    /// up and its name and default written again for every one of tens of thousands of nodes.
    let defaultsText: [UInt8]
    private let defaultRanges: [Range<Int>]

    init(_ fields: [Field], keepsExtraKeys: Bool) {
        self.fields = fields
        self.keepsExtraKeys = keepsExtraKeys
        var slots: [String: (field: Int, rank: Int)] = [:]
        for (index, field) in fields.enumerated() {
            for (rank, key) in ([field.name] + field.aliases).enumerated() where slots[key] == nil {
                slots[key] = (index, rank)
            }
        }
        self.slots = slots
        var text = JSONTextWriter()
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = text.bytes.isEmpty ? 0 : text.bytes.count + 2
            text.member(field.name, field.defaultValue)
            ranges.append(start..<text.bytes.count)
        }
        defaultsText = text.bytes
        defaultRanges = ranges
    }

    /// Where the default members of `fields` lie in `defaultsText`, separators between them included.
    func defaultsRange(of fields: Range<Int>) -> Range<Int> {
        defaultRanges[fields.lowerBound].lowerBound..<defaultRanges[fields.upperBound - 1].upperBound
    }

    /// The defaults with `map` laid over them, then the extra keys of `map` in its order.
    func apply(_ map: ConfigMap) -> JSONObject {
        JSONObjectBuilder.build(capacity: fields.count) { write(map, to: &$0) }
    }

    /// The members of `apply(map)`, added to `writer`.
    func write(_ map: ConfigMap, to writer: inout some JSONMemberWriter) {
        // The fields `map` sets, each with the value its name (else its first alias) gives.
        var set: [(field: Int, rank: Int, value: ConfigValue)] = []
        var hasExtraKeys = false
        for (key, value) in map {
            guard let slot = slots[key] else {
                hasExtraKeys = true
                continue
            }
            if let earlier = set.firstIndex(where: { $0.field == slot.field }) {
                if slot.rank < set[earlier].rank { set[earlier] = (slot.field, slot.rank, value) }
            } else {
                set.append((slot.field, slot.rank, value))
            }
        }
        set.sort { $0.field < $1.field }
        var next = 0
        for (index, _, value) in set {
            if next < index { writer.defaultMembers(of: self, next..<index) }
            write(fields[index], value, to: &writer)
            next = index + 1
        }
        if next < fields.count { writer.defaultMembers(of: self, next..<fields.count) }
        if keepsExtraKeys, hasExtraKeys {
            for (key, value) in map where slots[key] == nil { writer.member(key, config: value) }
        }
    }

    private func write(_ field: Field, _ value: ConfigValue, to writer: inout some JSONMemberWriter) {
        switch field.kind {
        case .plain: writer.member(field.name, config: value)
        case .record(let shape):
            if case .map(let map) = value {
                writer.member(field.name) { shape.write(map, to: &$0) }
            } else {
                writer.member(field.name, config: value)
            }
        default: writer.member(field.name, Self.normalize(value, as: field.kind))
        }
    }

    /// The same shape with one field's default changed in place (dbt subclasses that redeclare
    /// a field keep its position: `TestConfig.schema`, `SeedConfig.materialized`).
    func replacingDefault(of name: String, with value: JSONValue) -> ConfigShape {
        var fields = self.fields
        if let index = fields.firstIndex(where: { $0.name == name }) {
            fields[index].defaultValue = value
        }
        return ConfigShape(fields, keepsExtraKeys: keepsExtraKeys)
    }

    /// The same shape with fields declared by a subclass appended.
    func appending(_ more: [Field]) -> ConfigShape {
        ConfigShape(fields + more, keepsExtraKeys: keepsExtraKeys)
    }

    private static func normalize(_ value: ConfigValue, as kind: Kind) -> JSONValue {
        switch kind {
        case .plain:
            return value.json
        case .stringList:
            if case .string(let single) = value { return .array([.string(single)]) }
            return value.json
        case .hooks:
            let items: [ConfigValue]
            switch value {
            case .null: items = []
            case .list(let list): items = list
            default: items = [value]
            }
            return .array(items.map(hook))
        case .record(let shape):
            guard case .map(let map) = value else { return value.json }
            return .object(shape.apply(map))
        case .modelFreshness:
            guard case .map(let map) = value, case .map = map["build_after"] else { return .null }
            return .object(ConfigShape.modelFreshness.apply(map))
        case .onOff:
            if case .bool(let flag) = value { return .string(flag ? "on" : "off") }
            return value.json
        }
    }

    /// dbt's `get_hook_dict`: a mapping is taken as it is, a string holding a JSON object is
    /// parsed (`'{"sql": "...", "transaction": false}'`), any other string is the SQL.
    private static func hook(_ value: ConfigValue) -> JSONValue {
        switch value {
        case .map(let map):
            return .object(ConfigShape.hook.apply(map))
        case .string(let sql):
            if let parsed = jsonObjectHook(sql) { return .object(ConfigShape.hook.apply(parsed)) }
            return .object(ConfigShape.hook.apply(ConfigMap([("sql", .string(sql))])))
        default:
            return .object(ConfigShape.hook.apply(ConfigMap([("sql", value)])))
        }
    }

    private static func jsonObjectHook(_ text: String) -> ConfigMap? {
        guard text.first == "{" || text.first?.isWhitespace == true,
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return nil }
        var map = ConfigMap()
        if let sql = object["sql"] as? String { map["sql"] = .string(sql) }
        if let transaction = object["transaction"] as? Bool { map["transaction"] = .bool(transaction) }
        if let index = object["index"] as? Int { map["index"] = .int(index) }
        return map
    }
}
