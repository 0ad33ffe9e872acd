import Checksums
import Diagnostics
import Jinja
import ProjectModel

/// Turns a package's `dbt_project.yml` into a `ProjectConfig`, rendering its values as dbt
/// does: everything but `vars`, run hooks and model-level hooks, natively, with `env_var` and
/// the command line's `var`.
public struct ProjectFileResolver {
    let renderer: YAMLRenderer

    public init(environment: [String: String], cliVars: ConfigMap, target: Target? = nil) {
        self.renderer = YAMLRenderer(environment: environment, cliVars: cliVars, target: target)
    }

    /// A project file's `profile:` (else its `name`), rendered alone: dbt reads it first, to
    /// load the profile whose target the rest of the file renders with.
    public func profileName(_ yaml: YAMLNode, file: SourceFile) throws -> String? {
        let rendered = try renderer.render(yaml, file: file) { $0.first == "profile" || $0.first == "name" }
        return rendered["profile"]?.stringValue ?? rendered["name"]?.stringValue
    }

    public func resolve(_ yaml: YAMLNode, file: SourceFile) throws -> ProjectConfig {
        guard yaml.isMapping else {
            throw Diagnostic(
                code: "W0201", message: "dbt_project.yml must be a mapping of settings", file: file, span: yaml.span)
        }
        let rendered = try renderer.render(yaml, file: file) { keypath in
            guard let first = keypath.first else { return true }
            if ["on-run-start", "on-run-end", "query-comment", "vars"].contains(first) { return false }
            if ["seeds", "models", "snapshots", "tests", "data_tests"].contains(first) {
                let hooks: Set<String> = ["pre-hook", "post-hook", "pre_hook", "post_hook"]
                return !keypath.contains { hooks.contains($0.trimmingPrefix("+ ")) }
            }
            return true
        }
        guard let name = rendered["name"]?.stringValue, !name.isEmpty else {
            throw Diagnostic(
                code: "W0202", message: "dbt_project.yml has no 'name'", file: file, span: yaml.span,
                help: "add `name: my_project` (letters, digits and underscores)")
        }
        guard name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
            throw Diagnostic(
                code: "W0203", message: "project name '\(name)' may only contain letters, digits and underscores",
                file: file, span: yaml["name"]?.span)
        }
        var config = ProjectConfig(name: name)
        func strings(_ key: String) throws -> [String]? {
            guard let value = rendered[key], !value.isNull else { return nil }
            guard let list = value.stringList else {
                throw Diagnostic(
                    code: "W0204", message: "'\(key)' must be a list of paths", file: file, span: yaml[key]?.span)
            }
            return list
        }
        config.version = rendered["version"].flatMap { value in
            switch value {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .double(let d): return String(d)
            default: return nil
            }
        }
        config.profile = rendered["profile"]?.stringValue
        config.modelPaths = try strings("model-paths") ?? strings("source-paths") ?? config.modelPaths
        config.seedPaths = try strings("seed-paths") ?? strings("data-paths") ?? config.seedPaths
        config.testPaths = try strings("test-paths") ?? config.testPaths
        config.macroPaths = try strings("macro-paths") ?? config.macroPaths
        config.snapshotPaths = try strings("snapshot-paths") ?? config.snapshotPaths
        config.analysisPaths = try strings("analysis-paths") ?? config.analysisPaths
        config.docsPaths = try strings("docs-paths")
        config.assetPaths = try strings("asset-paths") ?? []
        config.targetPath = rendered["target-path"]?.stringValue ?? config.targetPath
        config.packagesInstallPath = rendered["packages-install-path"]?.stringValue ?? config.packagesInstallPath
        config.cleanTargets = try strings("clean-targets") ?? [config.targetPath]
        config.restrictAccess = rendered["restrict-access"]?.isTruthy ?? false
        config.vars = yaml["vars"]?.value.mapValue ?? ConfigMap()
        let trees: [(String, ResourceType)] = [
            ("models", .model), ("seeds", .seed), ("snapshots", .snapshot), ("sources", .source),
            ("exposures", .exposure), ("tests", .test), ("data_tests", .test),
            ("unit_tests", .unitTest), ("semantic-models", .semanticModel), ("metrics", .metric),
            ("saved-queries", .savedQuery),
        ]
        for (key, type) in trees {
            if let tree = rendered[key]?.mapValue {
                var merged = config.configTrees[type] ?? ConfigMap()
                for (k, v) in tree { merged[k] = v }
                config.configTrees[type] = merged
            }
            // dbt reads `tests:` only where there is no `data_tests:`.
            if key == "tests", yaml["data_tests"] != nil { continue }
            // dbt's unrendered configs look these up as `semantic_models` and `saved_queries`,
            // which the project file spells with dashes: they never find them.
            if key.contains("-") { continue }
            if let tree = yaml[key]?.value.mapValue { config.unrenderedConfigTrees[type] = tree }
        }
        for entry in yaml["dispatch"]?.items ?? [] {
            guard let namespace = entry["macro_namespace"]?.string,
                let order = entry["search_order"]?.value.stringList
            else {
                throw Diagnostic(
                    code: "W0205", message: "each 'dispatch' entry needs 'macro_namespace' and a 'search_order' list",
                    file: file, span: entry.span)
            }
            config.dispatch.append((namespace, order))
        }
        config.fileChecksum = SHA256.hash(Array(file.text.pythonStripped.utf8)).hex
        config.onRunStart = yaml["on-run-start"]?.value.stringList ?? []
        config.onRunEnd = yaml["on-run-end"]?.value.stringList ?? []
        config.quoting = rendered["quoting"]?.mapValue ?? ConfigMap()
        config.flags = rendered["flags"]?.mapValue ?? ConfigMap()
        config.requireDbtVersion = rendered["require-dbt-version"]?.stringList ?? []
        return config
    }
}

extension String {
    func trimmingPrefix(_ characters: String) -> String {
        String(drop { characters.contains($0) })
    }
}
