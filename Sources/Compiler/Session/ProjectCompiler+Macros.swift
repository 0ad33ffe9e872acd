import Diagnostics
import Foundation
import Jinja
import ProjectLoading
import ProjectModel

extension ProjectCompiler {
    /// Registers Weir's built-in library, then every package's macro files (generic tests included).
    func loadMacros() throws {
        for file in BuiltinMacros.files(forAdapter: dialect.adapterType) + WeirMacros.files {
            let source = SourceFile(name: "<weir>/\(file.package)/\(file.path)", text: file.source)
            try register(source, package: file.package, path: file.path, originalFilePath: file.path)
        }
        for package in packages {
            for file in package.files.macros {
                // A generic test file (under a test path) gives its `{% test %}` blocks only, as
                // dbt reads it. dbt's `path` of a macro is its file's from the package root.
                let testsOnly = package.config.testPaths.contains { file.originalFilePath.hasPrefix(normalize($0) + "/") }
                try register(
                    file.source, package: package.config.name, path: file.originalFilePath, originalFilePath: file.originalFilePath,
                    testsOnly: testsOnly)
            }
        }
        var macros: [String: MacroInfo] = [:]
        for macro in registry.allMacros {
            var info = macro.info
            info.dependsOn = dependencies(of: macro)
            macros[info.uniqueID] = info
        }
        manifest.macros = macros
    }

    private func register(
        _ source: SourceFile, package: String, path: String, originalFilePath: String, testsOnly: Bool = false
    ) throws {
        let template: Template
        do {
            template = try jinja.parse(source.text, name: source.name)
        } catch let error as TemplateError {
            throw error.diagnostic
        }
        let utf8 = Array(source.text.utf8)
        // Each macro's calls in the order dbt's static pass finds them (a call before the calls
        // in its arguments).
        let calls = template.staticCalls.sorted { $0.span.start < $1.span.start }
        for macro in template.topLevelMacros where !testsOnly || macro.blockTag == "test" {
            let sql = String(decoding: utf8[macro.span.start..<min(macro.span.end, utf8.count)], as: UTF8.self)
            let info = MacroInfo(
                uniqueID: "macro.\(package).\(macro.name)", name: macro.name, packageName: package, path: path,
                originalFilePath: originalFilePath, macroSQL: sql)
            try registry.add(
                RegisteredMacro(
                    package: package, name: macro.name, value: macro.value, info: info,
                    calls: calls.filter { macro.span.start <= $0.span.start && $0.span.start < macro.span.end }))
        }
    }

    /// The unique ids of the macros among `names` as seen from `package`, in the order named:
    /// dbt's `depends_on.macros` of a node.
    /// (Called once every macro is known: each name's id is found once per package.)
    func macroDependencies(of names: [String], package: String) -> [String] {
        var ids: [String] = []
        for name in names {
            let id = nodeMacroIDs.value(for: MacroReference(package: package, name: name)) {
                macroID(named: name, from: package)
            }
            if let id, !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    struct MacroReference: Hashable {
        let package: String
        let name: String
    }

    /// dbt's own macros that Weir serves as context functions: a call to one is still a
    /// dependency on dbt's macro, as dbt records it.
    static let dbtMacrosServedAsFunctions: Set<String> = ["is_incremental", "run_query", "statement"]

    /// The unique id of the macro a call by `name` reaches from `package`.
    private func macroID(named name: String, from package: String) -> String? {
        if let macro = macro(named: name, from: package) { return macro.info.uniqueID }
        return Self.dbtMacrosServedAsFunctions.contains(name) ? "macro.dbt.\(name)" : nil
    }

    /// dbt's `depends_on.macros` of a macro: the macros its calls name, and what each
    /// `adapter.dispatch` with a literal name finds (as dbt's static pass resolves it), in
    /// order, itself left out.
    func dependencies(of macro: RegisteredMacro) -> [String] {
        var found: [String] = []
        for call in macro.calls {
            if call.name == "adapter.dispatch" {
                func argument(_ position: Int, _ keyword: String) -> String? {
                    let value: Value? =
                        position < call.arguments.count
                        ? call.arguments[position] : call.keywords.first(where: { $0.name == keyword })?.value ?? nil
                    return value?.stringValue
                }
                guard let name = argument(0, "macro_name") else { continue }
                if name != macro.name, let named = self.macro(named: name, from: macro.package) {
                    found.append(named.info.uniqueID)
                }
                if let target = dispatchTarget(name, namespace: argument(1, "macro_namespace"), from: macro.package).macro {
                    found.append(target.info.uniqueID)
                }
            } else if call.name != macro.name, let named = macroID(named: call.name, from: macro.package) {
                found.append(named)
            }
        }
        var ids: [String] = []
        for id in found where id != macro.info.uniqueID && !ids.contains(id) { ids.append(id) }
        return ids
    }

    /// The macro a call by `name` (`name`, `package.name`, `dbt.name`) reaches from `package`.
    private func macro(named name: String, from package: String) -> RegisteredMacro? {
        let parts = name.split(ascii: ".").map(String.init)
        switch parts.count {
        case 1: return registry.lookup(name, from: package)
        case 2: return parts[0] == "dbt" ? registry.internalMacro(parts[1]) : registry.macro(parts[1], inPackage: parts[0])
        default: return nil
        }
    }

    /// Reads `{% docs %}` blocks from every package's markdown files.
    func loadDocs() throws {
        for package in packages {
            for file in package.files.docs {
                let template: Template
                do {
                    template = try jinja.parse(file.source.text, name: file.source.name)
                } catch let error as TemplateError {
                    throw error.diagnostic
                }
                for block in template.extensionBlocks where block.tag == "docs" {
                    let name = block.name
                    let id = "doc.\(package.config.name).\(name)"
                    if docBlocks[package.config.name]?[name] != nil {
                        throw Diagnostic(
                            code: "W0302", message: "docs block '\(name)' is defined twice in package '\(package.config.name)'",
                            file: file.source, span: block.span, help: "rename one of the blocks")
                    }
                    // dbt renders a block's text with an empty context (`get_rendered(contents, {})`):
                    // its Jinja runs, and a call of anything (`doc`, `var`) is an error.
                    let contents: String
                    do {
                        contents = try template.renderBlock(block)
                    } catch let error as TemplateError {
                        throw error.diagnostic
                    }
                    let doc = DocBlock(
                        uniqueID: id, name: name, packageName: package.config.name, path: file.path,
                        originalFilePath: file.originalFilePath, blockContents: contents.trimmingCharacters(in: .whitespacesAndNewlines))
                    docBlocks[package.config.name, default: [:]][name] = doc
                    manifest.docs[id] = doc
                }
            }
        }
    }
}
