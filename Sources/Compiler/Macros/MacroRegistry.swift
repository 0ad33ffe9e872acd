import Diagnostics
import Jinja
import Parallelism
import ProjectModel

/// One macro known to the project: its callable and what the manifest says of it.
///
/// A class: every lookup hands one out (a project's tests look up their macros tens of
/// thousands of times), and a reference is one count to take where a copy took one per field.
final class RegisteredMacro {
    let package: String
    let name: String
    let value: Value
    let info: MacroInfo
    /// The calls its body makes, with their literal arguments, in the order dbt's static pass
    /// finds them: resolved to `depends_on.macros` once every macro is known.
    let calls: [StaticCall]

    init(package: String, name: String, value: Value, info: MacroInfo, calls: [StaticCall]) {
        self.package = package
        self.name = name
        self.value = value
        self.info = info
        self.calls = calls
    }
}

/// Every macro of every package, and the namespaces templates see, built once per run.
///
/// dbt's lookup for a bare name in a node of package P: P's own macros, then the root
/// project's, then the internal packages' (`dbt`, `dbt_<adapter>`); `pkg.name` reaches any
/// package; `dbt.name` reaches the internal ones.
final class MacroRegistry {
    /// Internal packages in dbt's order: the adapter's own first, then `dbt`.
    let internalPackages: [String]
    let rootPackage: String
    private(set) var macrosByPackage: [String: [String: RegisteredMacro]] = [:]
    /// Packages in load order, for deterministic listings.
    private(set) var packageOrder: [String] = []

    init(rootPackage: String, internalPackages: [String]) {
        self.rootPackage = rootPackage
        self.internalPackages = internalPackages
    }

    func add(_ macro: RegisteredMacro) throws {
        if !packageOrder.contains(macro.package) { packageOrder.append(macro.package) }
        if let existing = macrosByPackage[macro.package]?[macro.name], !internalPackages.contains(macro.package) {
            throw Diagnostic(
                code: "W0301",
                message: "macro '\(macro.name)' is defined twice in package '\(macro.package)': in \(existing.info.originalFilePath) and \(macro.info.originalFilePath)",
                help: "rename or delete one of them")
        }
        macrosByPackage[macro.package, default: [:]][macro.name] = macro
        if macro.name == "get_where_subquery" || macro.name.hasSuffix("__get_where_subquery"),
            !(macro.package == "dbt" && ["get_where_subquery", "default__get_where_subquery"].contains(macro.name))
        {
            overridesWhereSubquery = true
        }
    }

    /// Whether a package defines `get_where_subquery`, or an implementation of it that
    /// `adapter.dispatch` could choose, besides Weir's own (`dbt`'s `get_where_subquery` and
    /// `default__get_where_subquery`): a generic test's `model` argument is then always rendered.
    private(set) var overridesWhereSubquery = false

    func macro(_ name: String, inPackage package: String) -> RegisteredMacro? {
        macrosByPackage[package]?[name]
    }

    /// The internal packages' macros as one namespace (dbt's `dbt.` prefix sees all of them).
    func internalMacro(_ name: String) -> RegisteredMacro? {
        for package in internalPackages {
            if let macro = macrosByPackage[package]?[name] { return macro }
        }
        return nil
    }

    /// What a bare name means in a node of `package`.
    func lookup(_ name: String, from package: String) -> RegisteredMacro? {
        macro(name, inPackage: package) ?? macro(name, inPackage: rootPackage) ?? internalMacro(name)
    }

    var allMacros: [RegisteredMacro] {
        packageOrder.flatMap { package in
            (macrosByPackage[package] ?? [:]).values.sorted { $0.name < $1.name }
        }
    }

    // MARK: - Namespaces

    /// Shared by the renders of all threads once the macros are known.
    private let namespaces = SharedCache<String, SharedGlobals>()

    /// The names a node of `package` sees for macros: built once per package and shared.
    func namespace(for package: String, base: SharedGlobals) -> SharedGlobals {
        namespaces.value(for: package) {
            var values: [String: Value] = [:]
            for internalPackage in internalPackages.reversed() {
                for (name, macro) in macrosByPackage[internalPackage] ?? [:] { values[name] = macro.value }
            }
            for (name, macro) in macrosByPackage[rootPackage] ?? [:] { values[name] = macro.value }
            if package != rootPackage {
                for (name, macro) in macrosByPackage[package] ?? [:] { values[name] = macro.value }
            }
            // `dbt_utils.star(...)`: every package is reachable by name, `dbt` for the internal ones.
            for (name, object) in packageNamespaceObjects() { values[name] = object }
            return SharedGlobals(values, parent: base)
        }
    }

    private func packageNamespaceObjects() -> [String: Value] {
        var objects: [String: Value] = [:]
        for package in packageOrder where !internalPackages.contains(package) {
            objects[package] = .object(PackageNamespace(name: package, macros: (macrosByPackage[package] ?? [:]).mapValues(\.value)))
        }
        var internalMacros: [String: Value] = [:]
        for package in internalPackages.reversed() {
            for (name, macro) in macrosByPackage[package] ?? [:] { internalMacros[name] = macro.value }
        }
        objects["dbt"] = .object(PackageNamespace(name: "dbt", macros: internalMacros))
        return objects
    }
}

/// `dbt_utils` in `dbt_utils.star(...)`: a package's macros as attributes.
final class PackageNamespace: JinjaObject {
    let name: String
    let macros: [String: Value]

    init(name: String, macros: [String: Value]) {
        self.name = name
        self.macros = macros
    }

    var typeName: String { "MacroNamespace" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? { macros[name] }

    func item(_ key: Value, _ context: CallContext) throws -> Value? {
        key.stringValue.flatMap { macros[$0] }
    }

    func iterate(_ context: CallContext) throws -> [Value]? { macros.keys.sorted().map(Value.string) }
}
