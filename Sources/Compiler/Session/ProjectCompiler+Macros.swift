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
                try register(
                    file.source, package: package.config.name, path: file.path, originalFilePath: file.originalFilePath)
            }
        }
        var macros: [String: MacroInfo] = [:]
        for macro in registry.allMacros {
            var info = macro.info
            info.dependsOn = macroDependencies(of: macro.calledNames, package: macro.package)
            macros[info.uniqueID] = info
        }
        manifest.macros = macros
    }

    private func register(_ source: SourceFile, package: String, path: String, originalFilePath: String) throws {
        let template: Template
        do {
            template = try jinja.parse(source.text, name: source.name)
        } catch let error as TemplateError {
            throw error.diagnostic
        }
        let utf8 = Array(source.text.utf8)
        for macro in template.topLevelMacros {
            let sql = String(decoding: utf8[macro.span.start..<min(macro.span.end, utf8.count)], as: UTF8.self)
            let info = MacroInfo(
                uniqueID: "macro.\(package).\(macro.name)", name: macro.name, packageName: package, path: path,
                originalFilePath: originalFilePath, macroSQL: sql)
            try registry.add(
                RegisteredMacro(package: package, name: macro.name, value: macro.value, info: info, calledNames: macro.calledNames))
        }
    }

    /// The unique ids of the macros among `names` as seen from `package`, dbt's `depends_on.macros`.
    func macroDependencies(of names: [String], package: String) -> [String] {
        var ids: [String] = []
        for name in names {
            let parts = name.split(separator: ".").map(String.init)
            let macro: RegisteredMacro?
            if parts.count == 2 {
                macro = parts[0] == "dbt" ? registry.internalMacro(parts[1]) : registry.macro(parts[1], inPackage: parts[0])
            } else if parts.count == 1 {
                macro = registry.lookup(name, from: package)
            } else {
                macro = nil
            }
            if let id = macro?.info.uniqueID, !ids.contains(id) { ids.append(id) }
        }
        return ids.sorted()
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
                    let doc = DocBlock(
                        uniqueID: id, name: name, packageName: package.config.name, path: file.path,
                        originalFilePath: file.originalFilePath, blockContents: (block.rawBody ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
                    docBlocks[package.config.name, default: [:]][name] = doc
                    manifest.docs[id] = doc
                }
            }
        }
    }
}
