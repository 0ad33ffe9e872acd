import Jinja
import ProjectModel

/// `ConfigValue` declares a `Value` of its own (from dictionary literals), so name Jinja's plainly.
typealias TemplateValue = Jinja.Value

extension ConfigValue {
    /// The value as templates see it: YAML maps become dicts in their order.
    var jinjaValue: TemplateValue {
        switch self {
        case .null: return TemplateValue.none
        case .bool(let b): return TemplateValue.bool(b)
        case .int(let i): return TemplateValue.int(i)
        case .double(let d): return TemplateValue.float(d)
        case .string(let s): return TemplateValue.string(s)
        case .list(let items): return TemplateValue.list(items.map { $0.jinjaValue })
        case .map(let map): return TemplateValue.dict(map.map { ($0.key, $0.value.jinjaValue) })
        }
    }

    /// A template value back as configuration: relations and other objects become their text.
    init(_ value: TemplateValue) {
        switch value {
        case TemplateValue.undefined, TemplateValue.none: self = .null
        case TemplateValue.bool(let b): self = .bool(b)
        case TemplateValue.int(let i): self = .int(i)
        case TemplateValue.bigInt(let b): self = .string(b.description)
        case TemplateValue.float(let d): self = .double(d)
        case TemplateValue.string(let s): self = .string(s)
        case TemplateValue.list(let list): self = .list(list.items.map { ConfigValue($0) })
        case TemplateValue.tuple(let items): self = .list(items.map { ConfigValue($0) })
        case TemplateValue.dict(let dict):
            var map = ConfigMap()
            for (key, item) in dict.pairs { map[key.pyStr] = ConfigValue(item) }
            self = .map(map)
        case TemplateValue.callable, TemplateValue.object: self = .string(value.pyStr)
        }
    }
}

extension ConfigMap {
    var jinjaValue: TemplateValue { ConfigValue.map(self).jinjaValue }
}
