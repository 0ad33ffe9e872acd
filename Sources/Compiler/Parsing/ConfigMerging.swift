import ProjectModel

/// dbt's rules for layering configs: most keys are replaced by the later layer, but some
/// accumulate (`tags`, hooks), some merge key by key (`meta`, `docs`), and `grants` appends per key.
enum ConfigMerging {
    private static let append: Set<String> = ["tags", "pre-hook", "post-hook", "packages"]
    private static let update: Set<String> = ["meta", "quoting", "column_types", "docs", "contract", "persist_docs"]
    private static let dictKeyAppend: Set<String> = ["grants"]

    /// Applies `layer` on top of `config`.
    static func merge(_ layer: ConfigMap, into config: inout ConfigMap) {
        for (rawKey, value) in layer {
            let key = canonicalKey(rawKey)
            if append.contains(key) {
                config[key] = .list(listify(config[key]) + listify(value))
            } else if update.contains(key), case .map(let new) = value {
                var merged = config[key]?.mapValue ?? ConfigMap()
                for (k, v) in new { merged[k] = v }
                config[key] = .map(merged)
            } else if dictKeyAppend.contains(key), case .map(let new) = value {
                var merged = ConfigMap()
                for (k, v) in config[key]?.mapValue ?? ConfigMap() { merged[k] = .list(listify(v)) }
                for (k, v) in new {
                    if k.hasPrefix("+") {
                        let name = String(k.dropFirst())
                        merged[name] = .list(listify(merged[name]) + listify(v))
                    } else {
                        merged[k] = .list(listify(v))
                    }
                }
                config[key] = .map(merged)
            } else {
                config[key] = value
            }
        }
    }

    /// dbt's `merge_config_dicts` for `config()` calls: the first call's settings are kept as
    /// written (a hook or a tag may stay one string: `unrendered_config` shows it so); later
    /// calls merge as `merge` does.
    static func mergeConfigCall(_ call: ConfigMap, into calls: inout ConfigMap) {
        guard calls.isEmpty else { return merge(call, into: &calls) }
        for (key, value) in call { calls[canonicalKey(key)] = value }
    }

    /// dbt accepts `pre_hook` for `pre-hook` (and the same for `post`).
    static func canonicalKey(_ key: String) -> String {
        switch key {
        case "pre_hook": return "pre-hook"
        case "post_hook": return "post-hook"
        default: return key
        }
    }

    private static func listify(_ value: ConfigValue?) -> [ConfigValue] {
        switch value {
        case nil, .null?: return []
        case .list(let items)?: return items
        case let value?: return [value]
        }
    }

    /// The configs a project's tree (`models:`, `seeds:`...) gives a resource with this fqn,
    /// level by level from the top: dbt's `fqn_search` then `+key`/scalar extraction.
    static func projectLayers(_ tree: ConfigMap?, fqn: [String]) -> [ConfigMap] {
        projectLevels(tree, fqn: fqn[...]).layers
    }

    /// `projectLayers`, and the level the walk ended on when every part of `fqn` was one (from
    /// which a longer fqn goes on).
    static func projectLevels(_ tree: ConfigMap?, fqn: ArraySlice<String>) -> (layers: [ConfigMap], level: ConfigMap?) {
        guard var level = tree else { return ([], nil) }
        var layers = [configs(in: level)]
        for part in fqn {
            guard case .map(let next)? = level[part] else { return (layers, nil) }
            layers.append(configs(in: next))
            level = next
        }
        return (layers, level)
    }

    static func configs(in level: ConfigMap) -> ConfigMap {
        var result = ConfigMap()
        for (key, value) in level {
            if key.hasPrefix("+") {
                result[String(key.dropFirst()).trimmingSpaces] = value
            } else if value.mapValue == nil {
                result[key] = value
            }
        }
        return result
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
