import Jinja
import ProjectModel

/// dbt's `config`: called as `config(materialized='table')` or `config({...})` it records
/// settings while parsing and does nothing while compiling; `config.get` and `config.require`
/// read the resolved config (while parsing they return empty strings, as dbt's do).
final class ConfigObject: JinjaObject {
    let state: NodeRenderState

    init(state: NodeRenderState) { self.state = state }

    var typeName: String { state.phase == .parse ? "ParseConfigObject" : "RuntimeConfigObject" }
    var pyStr: String { "" }

    func call(_ arguments: Arguments, _ context: CallContext) throws -> Value? {
        guard state.phase == .parse else { return .string("") }
        var settings = ConfigMap()
        if let first = arguments.positional.first {
            guard arguments.positional.count == 1, case .dict(let dict) = first else {
                throw RuntimeFailure.raised("Invalid inline model config: config() takes keyword arguments or one dictionary")
            }
            for (key, value) in dict.pairs { settings[key.pyStr] = ConfigValue(value) }
        }
        for (name, value) in arguments.keywords { settings[name] = ConfigValue(value) }
        ConfigMerging.mergeConfigCall(settings, into: &state.configCalls)
        return .string("")
    }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "get":
            return .function("get") { arguments, _ in
                let bound = try arguments.bind(
                    ["name", "default", "validator"], defaults: ["default": .none, "validator": .none], function: "get")
                guard self.state.phase == .compile else { return .string("") }
                let key = bound["name"].pyStr
                if let value = self.lookup(key) { return value.jinjaValue }
                return bound["default"]
            }
        case "require":
            return .function("require") { arguments, _ in
                let bound = try arguments.bind(["name", "validator"], defaults: ["validator": .none], function: "require")
                guard self.state.phase == .compile else { return .string("") }
                let key = bound["name"].pyStr
                guard let value = self.lookup(key) else {
                    throw RuntimeFailure.raised("Required config '\(key)' was not found in the config of \(self.state.node.resourceType.rawValue) '\(self.state.node.name)'")
                }
                return value.jinjaValue
            }
        case "set":
            return .function("set") { arguments, context in
                let bound = try arguments.bind(["name", "value"], function: "set")
                _ = try self.call(Arguments([.dict([(bound["name"].pyStr, bound["value"])])]), context)
                return .string("")
            }
        case "persist_relation_docs":
            return .function("persist_relation_docs") { _, _ in
                .bool(self.state.phase == .compile && (self.lookup("persist_docs")?.mapValue?["relation"]?.isTruthy ?? false))
            }
        case "persist_column_docs":
            return .function("persist_column_docs") { _, _ in
                .bool(self.state.phase == .compile && (self.lookup("persist_docs")?.mapValue?["columns"]?.isTruthy ?? false))
            }
        case "model": return nil
        default: return nil
        }
    }

    /// A resolved config value; `pre_hook` and `pre-hook` are the same key, as in dbt.
    private func lookup(_ key: String) -> ConfigValue? {
        let config = state.node.config
        if let value = config[ConfigMerging.canonicalKey(key)] ?? config[key] { return value }
        return ConfigDefaults.value(key, for: state.node.resourceType)
    }
}

/// The defaults dbt fills into a node's config, for `config.get` without a default.
enum ConfigDefaults {
    static func value(_ key: String, for type: ResourceType) -> ConfigValue? {
        switch key {
        case "enabled": return .bool(true)
        case "materialized":
            switch type {
            case .seed: return "seed"
            case .test: return "test"
            case .snapshot: return "snapshot"
            default: return "view"
            }
        case "tags", "pre-hook", "post-hook", "packages": return .list([])
        case "meta", "persist_docs", "quoting", "column_types", "grants": return .map(ConfigMap())
        case "on_schema_change": return type == .model || type == .seed || type == .snapshot ? "ignore" : nil
        case "on_configuration_change": return "apply"
        case "severity": return type == .test ? "ERROR" : nil
        case "warn_if", "error_if": return type == .test ? "!= 0" : nil
        case "fail_calc": return type == .test ? "count(*)" : nil
        case "docs": return ["show": true, "node_color": nil]
        case "contract": return ["enforced": false, "alias_types": true]
        case "access": return type == .model ? "protected" : nil
        case "lookback": return 1
        default: return nil
        }
    }
}
