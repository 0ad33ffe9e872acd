import Diagnostics
import ProjectModel

/// Finds the target in `profiles.yml`: the project's profile, `--target` or the profile's
/// `target:`, the chosen target's fields rendered natively with `env_var` (secrets allowed
/// here, as in dbt).
public struct ProfileResolver {
    let renderer: YAMLRenderer

    public init(environment: [String: String], cliVars: ConfigMap) {
        self.renderer = YAMLRenderer(environment: environment, cliVars: cliVars, target: nil)
    }

    public func resolve(_ yaml: YAMLNode, file: SourceFile, profileName: String, targetName: String?) throws -> Target {
        guard let profile = yaml[profileName] else {
            let known = (yaml.entries ?? []).map(\.key).filter { $0 != "config" }
            throw Diagnostic(
                code: "W0211", message: "profile '\(profileName)' not found in \(file.name)", file: file, span: yaml.span,
                help: known.isEmpty ? "add a '\(profileName):' profile" : "profiles found: \(known.joined(separator: ", "))")
        }
        // dbt renders only the chosen target: another target's `env_var`s need not be set.
        let name = try targetName ?? renderer.render(profile, file: file) { $0 == ["target"] }["target"]?.stringValue ?? "default"
        let rendered = try renderer.render(profile, file: file) { keypath in
            keypath.count >= 2 && keypath[0] == "outputs" && keypath[1] == name
        }
        guard let outputs = rendered["outputs"]?.mapValue, let output = outputs[name]?.mapValue else {
            let known = rendered["outputs"]?.mapValue?.keys ?? []
            throw Diagnostic(
                code: "W0212", message: "target '\(name)' not found in profile '\(profileName)'", file: file,
                span: profile["outputs"]?.span ?? profile.span,
                help: known.isEmpty ? "add an 'outputs:' mapping with a '\(name):' target" : "targets found: \(known.joined(separator: ", "))")
        }
        let outputNode = profile["outputs"]?[name]
        guard let type = output["type"]?.stringValue else {
            throw Diagnostic(
                code: "W0213", message: "target '\(name)' of profile '\(profileName)' has no 'type'", file: file,
                span: outputNode?.span, help: "set `type: sqlite` or `type: postgres`")
        }
        let schema = output["schema"]?.stringValue ?? (type == "sqlite" ? "main" : nil)
        guard let schema else {
            throw Diagnostic(
                code: "W0214", message: "target '\(name)' of profile '\(profileName)' has no 'schema'", file: file,
                span: outputNode?.span, help: "set the schema models are built in")
        }
        let database = output["database"]?.stringValue ?? output["dbname"]?.stringValue ?? (type == "sqlite" ? "main" : "")
        let threads: Int
        switch output["threads"] {
        case .int(let value)?: threads = value
        case .string(let text)?: threads = Int(text) ?? 1
        default: threads = 1
        }
        return Target(
            profileName: profileName, name: name, type: type, schema: schema, database: database, threads: threads,
            fields: output)
    }
}
