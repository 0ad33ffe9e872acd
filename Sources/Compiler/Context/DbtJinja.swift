import Jinja

/// The Jinja environment dbt templates are parsed in: dbt's block tags and filters.
enum DbtJinja {
    static func makeEnvironment() -> Environment {
        let environment = Environment()
        environment.addExtensionTag(ExtensionTag(name: "test", form: .macro { "test_\($0.name)" }))
        environment.addExtensionTag(ExtensionTag(name: "data_test", form: .macro { "test_\($0.name)" }))
        environment.addExtensionTag(
            ExtensionTag(name: "materialization", form: .macro { header in
                let adapter = header.options["adapter"]?.stringValue ?? "default"
                return "materialization_\(header.name)_\(adapter)"
            }))
        environment.addExtensionTag(ExtensionTag(name: "snapshot", form: .block))
        environment.addExtensionTag(ExtensionTag(name: "docs", form: .block))
        for (name, kind) in NativeRendering.filters {
            environment.addFilter(name) { value, _, _ in
                .object(NativeMarker(kind, value.pyStr))
            }
        }
        return environment
    }
}
