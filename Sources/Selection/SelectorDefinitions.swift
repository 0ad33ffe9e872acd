import Diagnostics
import ProjectModel

/// The named selectors of a project's `selectors.yml`, parsed and checked once.
///
/// The caller reads and renders the YAML; this type takes the resulting tree:
/// `selectors: [{name, description, default, definition}]`. A definition is a criterion string,
/// a `{method: value}` or `{method, value, parents, children, ...}` mapping, or a `union` /
/// `intersection` list whose items may include one `{exclude: [...]}`.
public struct SelectorDefinitions: Sendable {
    struct Definition: Sendable {
        var name: String
        var description: String
        var isDefault: Bool
        var spec: SelectionSpec
    }

    /// By name; as in dbt, a later selector of the same name replaces an earlier one.
    private(set) var definitions: [String: Definition] = [:]
    /// Names in the order the file first defines them.
    public private(set) var names: [String] = []

    /// No selectors (a project without `selectors.yml`).
    public init() {}

    /// Parses the YAML tree of `selectors.yml`.
    public init(_ file: ConfigValue) throws(Diagnostic) {
        let entries: [ConfigValue]
        switch file {
        case .null: entries = []
        case .map(let root):
            switch root["selectors"] {
            case nil, .null?: entries = []
            case .list(let list)?: entries = list
            case let other?:
                throw .malformedSelectors("'selectors' must be a list, not \(other.pythonString)")
            }
        default:
            throw .malformedSelectors("the file must be a mapping with a 'selectors' list")
        }
        var defaultName: String?
        for entry in entries {
            guard case .map(let fields) = entry, let name = fields["name"]?.stringValue, !name.isEmpty else {
                throw .malformedSelectors(
                    "each selector needs a 'name' and a 'definition', found \(entry.pythonString)")
            }
            guard let definition = fields["definition"], !definition.isNull else {
                throw .malformedSelectors("'definition' is missing", selector: name)
            }
            let isDefault = try Self.flag(fields["default"], selector: name)
            if isDefault {
                if let defaultName, defaultName != name {
                    throw .malformedSelectors(
                        "more than one selector has 'default: true': '\(defaultName)' and '\(name)'")
                }
                defaultName = name
            }
            let parser = DefinitionParser(origin: "selector '\(name)'", selector: name)
            let spec = try parser.parse(definition, atRoot: true)
            if definitions[name] == nil { names.append(name) }
            definitions[name] = Definition(
                name: name, description: fields["description"]?.stringValue ?? "", isDefault: isDefault,
                spec: spec)
        }
    }

    /// The selector with `default: true`, used when neither `--select`, `--exclude` nor
    /// `--selector` is given.
    public var defaultSelector: String? {
        names.first { definitions[$0]?.isDefault == true }
    }

    /// A selector's `description`.
    public func description(of name: String) -> String? { definitions[name]?.description }

    private static func flag(_ value: ConfigValue?, selector: String) throws(Diagnostic) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        // A rendered `"{{ target.name == 'prod' }}"` arrives as the string `True` or `False`.
        case .string(let text)? where ["true", "false"].contains(text.lowercased()):
            return text.lowercased() == "true"
        case let other?:
            throw .malformedSelectors(
                "'default' must be true or false, not \(other.pythonString)", selector: selector)
        }
    }
}

/// Turns one selector's `definition` into a spec, as dbt's `parse_from_definition`.
private struct DefinitionParser {
    var origin: String
    var selector: String

    func parse(_ definition: ConfigValue, atRoot: Bool = false) throws(Diagnostic) -> SelectionSpec {
        switch definition {
        case .string(let text):
            return .criterion(try SelectionCriterion(parsing: text, origin: origin))
        case .map(let map):
            let operation: SelectionGroup.Operation? =
                map["union"] != nil ? .union : map["intersection"] != nil ? .intersection : nil
            if let operation {
                if atRoot && map.count > 1 {
                    throw .malformedSelectors(
                        "a definition with 'union' or 'intersection' can have no other key at its root; found "
                            + map.keys.joined(separator: ", "), selector: selector)
                }
                return try parseSetOperation(operation, map)
            }
            return try parseCriterion(map)
        default:
            throw .malformedSelectors(
                "a definition is a union, an intersection, a string or a mapping, not \(definition.pythonString)",
                selector: selector)
        }
    }

    private func parseSetOperation(_ operation: SelectionGroup.Operation, _ map: ConfigMap) throws(Diagnostic)
        -> SelectionSpec
    {
        let key = operation == .union ? "union" : "intersection"
        var included: [SelectionSpec] = []
        var excluded: SelectionSpec?
        for item in try items(of: map, key: key) {
            if case .map(let itemMap) = item, itemMap["exclude"] != nil {
                guard excluded == nil else {
                    throw .malformedSelectors(
                        "a '\(key)' can have only one 'exclude' item", selector: selector)
                }
                excluded = try parseExclusions(itemMap)
            } else {
                included.append(try parse(item))
            }
        }
        let group = SelectionSpec.group(SelectionGroup(operation, included))
        guard let excluded else { return group }
        return .group(SelectionGroup(.difference, [group, excluded]))
    }

    private func parseExclusions(_ map: ConfigMap) throws(Diagnostic) -> SelectionSpec? {
        var exclusions: [SelectionSpec] = []
        for item in try items(of: map, key: "exclude") { exclusions.append(try parse(item)) }
        switch exclusions.count {
        case 0: return nil
        case 1: return exclusions[0]
        default: return .group(SelectionGroup(.union, exclusions))
        }
    }

    /// A `{method: value}` or `{method: ..., value: ..., ...}` mapping, with an optional `exclude`.
    private func parseCriterion(_ map: ConfigMap) throws(Diagnostic) -> SelectionSpec {
        let raw = ConfigValue.map(map).pythonString
        if map.count == 1, let key = map.keys.first {
            let fields = ConfigMap([("method", .string(key)), ("value", map[key] ?? .null)])
            return .criterion(try SelectionCriterion(definition: fields, raw: raw, origin: origin))
        }
        guard map["method"] != nil, map["value"] != nil else {
            throw .malformedSelectors(
                "a criterion is either one 'method: value' pair or has 'method' and 'value' keys, found keys "
                    + map.keys.joined(separator: ", "), selector: selector)
        }
        var fields = map
        fields["exclude"] = nil
        let criterion = SelectionSpec.criterion(
            try SelectionCriterion(definition: fields, raw: raw, origin: origin))
        guard map["exclude"] != nil, let excluded = try parseExclusions(map) else { return criterion }
        return .group(SelectionGroup(.difference, [criterion, excluded]))
    }

    private func items(of map: ConfigMap, key: String) throws(Diagnostic) -> [ConfigValue] {
        guard case .list(let items)? = map[key] else {
            throw .malformedSelectors("'\(key)' must be a list", selector: selector)
        }
        for item in items {
            switch item {
            case .string, .map: continue
            default:
                throw .malformedSelectors(
                    "the items of '\(key)' are strings or mappings, not \(item.pythonString)",
                    selector: selector)
            }
        }
        return items
    }
}
