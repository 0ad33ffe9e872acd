import Diagnostics
import Jinja
import ProjectModel

/// `weir run-operation`: one macro called with keyword arguments, as dbt's `RunOperationTask`
/// calls it (its output and return value are dropped; what it does to the warehouse, through
/// the compiler's `queryRunner`, is the point).
extension ProjectCompiler {
    /// The macro dbt's `find_macro_by_name` finds for `name`, `package.name` or `dbt.name`: of
    /// the macros with that name (in `package` only, when one is named), the root project's,
    /// else a package's, else dbt's own (`dbt` and the adapter's internal package).
    public func operationMacro(_ name: String) -> MacroInfo? {
        let (package, macroName) = Self.operationParts(name)
        if let package {
            return (package == "dbt" ? registry.internalMacro(macroName) : registry.macro(macroName, inPackage: package))?.info
        }
        if let root = registry.macro(macroName, inPackage: root.config.name) { return root.info }
        for package in registry.packageOrder where package != root.config.name && !registry.internalPackages.contains(package) {
            if let macro = registry.macro(macroName, inPackage: package) { return macro.info }
        }
        return registry.internalMacro(macroName)?.info
    }

    /// `pkg.macro` as dbt splits it: at the first dot.
    static func operationParts(_ name: String) -> (package: String?, name: String) {
        guard let dot = name.firstIndex(of: ".") else { return (nil, name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// dbt's error for a name no macro has (exit status 2).
    public func unknownOperation(_ name: String) -> Diagnostic {
        let (package, macroName) = Self.operationParts(name)
        let names = registry.allMacros.filter { package == nil || $0.package == package }.map(\.name)
        let suggestion = suggestions(for: macroName, among: names).first
        return Diagnostic(
            code: "W0705",
            message: "could not find a macro named '\(macroName)' in "
                + (package.map { "the '\($0)' package" } ?? "any package")
                + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
            help: "check the name (`package.macro` for a package's macro), and that the package is installed")
    }

    /// Calls `macro` with `arguments` as keyword arguments in dbt's runtime macro context for
    /// its package: `execute` is true, `run_query`, `statement` and the adapter's methods reach
    /// the warehouse through `queryRunner`, and `this` and `model` are undefined (no node runs).
    public func runOperation(_ macro: MacroInfo, arguments: ConfigMap) throws {
        guard let registered = registry.macro(macro.name, inPackage: macro.packageName) else {
            throw unknownOperation("\(macro.packageName).\(macro.name)")
        }
        var node = ManifestNode(
            uniqueID: macro.uniqueID, resourceType: .operation, packageName: macro.packageName, name: macro.name,
            path: macro.path, originalFilePath: macro.originalFilePath, fqn: macro.uniqueID.split(separator: ".").map(String.init),
            rawCode: "", checksum: FileChecksum(checksum: ""))
        node.schema = target.schema
        node.database = target.database
        var (context, shared) = self.context(for: NodeRenderState(node: node, phase: .compile))
        context["this"] = nil
        context["model"] = nil
        context["weir_operation"] = registered.value
        context["weir_operation_arguments"] = arguments.jinjaValue
        let callName = "run-operation"
        do {
            let template = try jinja.parse("{% do weir_operation(**weir_operation_arguments) %}", name: callName)
            _ = try template.render(context, shared: shared)
        } catch let error as TemplateError {
            var diagnostic = CompilerDiagnostics.renderFailed(error, what: "operation '\(macro.name)' failed")
            // The call is Weir's own text, not the user's: the trace stops at the macro.
            diagnostic.notes.removeAll { $0.file?.name == callName }
            throw diagnostic
        }
    }
}
