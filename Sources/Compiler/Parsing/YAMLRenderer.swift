import Diagnostics
import Jinja
import ProjectModel

/// Renders the strings of a YAML tree as dbt's `BaseRenderer` does: natively (a lone
/// `{{ expression }}` keeps its type), with `env_var` and `var` from the command line.
struct YAMLRenderer {
    let environment: [String: String]
    let cliVars: ConfigMap
    let target: Target?
    let jinja: Environment
    /// Records the environment variables renders read (nil: nobody asks).
    let envUsage: DbtFunctions.EnvUsage?
    /// `var()`: the command line's `--vars`, unless `with(varFunction:)` gave a package's.
    private(set) var varFunction: Value

    init(environment: [String: String], cliVars: ConfigMap, target: Target?, envUsage: DbtFunctions.EnvUsage? = nil) {
        self.environment = environment
        self.envUsage = envUsage
        self.cliVars = cliVars
        self.target = target
        self.jinja = DbtJinja.makeEnvironment()
        self.varFunction = DbtFunctions.cliVar(cliVars)
    }

    /// The same renderer with another `var()` (a properties file's: its package's vars too).
    func with(varFunction: Value) -> YAMLRenderer {
        var renderer = self
        renderer.varFunction = varFunction
        return renderer
    }

    var context: [String: Value] {
        var context: [String: Value] = [
            "env_var": DbtFunctions.envVar(environment, allowSecrets: true) { [envUsage] name, _ in
                envUsage?.record(CollectionOfOne(name))
            },
            "var": varFunction,
        ]
        if let target { context["target"] = target.publicFields.jinjaValue }
        return context
    }

    /// Renders every string whose key path `shouldRender` accepts; the rest stay as written.
    func render(_ node: YAMLNode, file: SourceFile, shouldRender: ([String]) -> Bool) throws -> ConfigMap {
        try renderTree(node, file: file, shouldRender: shouldRender).value.mapValue ?? ConfigMap()
    }

    /// The tree with every string `shouldRender` accepts rendered natively (a string that
    /// renders to a list becomes a sequence), each part keeping the span it was written at.
    func renderTree(_ node: YAMLNode, file: SourceFile, shouldRender: ([String]) -> Bool) throws -> YAMLNode {
        var context: [String: Value]?
        // The key path of the node visited, kept as a stack (no array made per node).
        var path: [String] = []
        // nil where nothing below was rendered: the tree is rebuilt only along rendered paths
        // (most entries have no Jinja at all).
        func visit(_ node: YAMLNode) throws -> YAMLNode? {
            guard node.mayHoldJinja else { return nil }
            switch node.kind {
            case .scalar(let value):
                guard case .string(let text) = value, shouldRender(path) else { return nil }
                guard text.containsUTF8(UInt8(ascii: "{")) else {
                    // Plain text renders as itself, less the last line break (a `|` block's).
                    guard text.utf8.last == UInt8(ascii: "\n") else { return nil }
                    var trimmed = text.utf8.dropLast()
                    if trimmed.last == UInt8(ascii: "\r") { trimmed = trimmed.dropLast() }
                    return YAMLNode(.scalar(.string(String(trimmed)!)), span: node.span)
                }
                if context == nil { context = self.context }
                return YAMLNode(try renderString(text, file: file, span: node.span, context: context ?? [:]), span: node.span)
            case .sequence(let items):
                var rendered: [YAMLNode]?
                for (index, item) in items.enumerated() {
                    path.append(String(index))
                    defer { path.removeLast() }
                    guard let changed = try visit(item) else { continue }
                    if rendered == nil { rendered = items }
                    rendered?[index] = changed
                }
                return rendered.map { YAMLNode(.sequence($0), span: node.span) }
            case .mapping(let entries):
                var rendered: [YAMLNode.Entry]?
                for (index, entry) in entries.enumerated() {
                    path.append(entry.key)
                    defer { path.removeLast() }
                    guard let changed = try visit(entry.value) else { continue }
                    if rendered == nil { rendered = entries }
                    rendered?[index].value = changed
                }
                return rendered.map { YAMLNode(.mapping($0), span: node.span) }
            }
        }
        return try visit(node) ?? node
    }

    func renderString(_ text: String, file: SourceFile, span: SourceSpan, context: [String: Value]) throws -> ConfigValue {
        do {
            let template = try jinja.parse(text, name: file.name)
            return ConfigValue(try NativeRendering.finish(try template.renderNative(context)))
        } catch let error as TemplateError {
            throw Diagnostic(
                code: "W0206", message: "could not render this value: \(error.message)", file: file, span: span,
                help: "check the Jinja in this YAML value")
        } catch let failure as RuntimeFailure {
            throw Diagnostic(code: "W0206", message: "could not render this value: \(failure.message)", file: file, span: span)
        }
    }
}
