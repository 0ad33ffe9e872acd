import Foundation
import Jinja
import PythonModules
import ProjectModel

extension ProjectCompiler {
    /// The names every render sees, whatever the node: built once per invocation.
    func makeBaseGlobals() -> SharedGlobals {
        let printed = self.printed
        let logSink = options.logSink
        var values: [String: Value] = [
            "return": DbtFunctions.returnFunction,
            "fromjson": DbtFunctions.fromjson,
            "tojson": DbtFunctions.tojson,
            "zip": DbtFunctions.zip(strict: false),
            "zip_strict": DbtFunctions.zip(strict: true),
            "set": DbtFunctions.set(strict: false),
            "set_strict": DbtFunctions.set(strict: true),
            "diff_of_two_dicts": DbtFunctions.diffOfTwoDicts,
            "fromyaml": YAMLFunctions.fromyaml,
            "toyaml": YAMLFunctions.toyaml,
            "local_md5": DbtFunctions.localMD5,
            "env_var": DbtFunctions.envVar(options.environment, allowSecrets: false) { [envUsage] name, _ in
                envUsage.record(CollectionOfOne(name))
            },
            "target": target.publicFields.jinjaValue,
            "project_name": .string(root.config.name),
            "dbt_version": .string(ProjectCompiler.dbtVersion),
            "invocation_id": .string(options.invocationID),
            "run_started_at": PythonModules.utcDatetime(options.runStartedAt),
            "flags": .object(FlagsObject(options: options)),
            "api": .object(APIObject(dialect: dialect, quoting: root.config.quoting)),
            "modules": .dict(
                PythonModules.modules(clock: { [runStartedAt = options.runStartedAt] in runStartedAt })
                    .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
        ]
        values.merge(printingFunctions { line in
            printed.raise()
            logSink?(line)
        }) { _, printing in printing }
        for (name, kind) in NativeRendering.filters {
            values[name] = .function(name) { arguments, _ in
                .object(NativeMarker(kind, (arguments.positional.first ?? .none).pyStr))
            }
        }
        return SharedGlobals(values)
    }

    /// `log`, `print` and `exceptions` (whose `warn` prints), printing each line through `print`.
    func printingFunctions(_ print: @escaping (String) -> Void) -> [String: Value] {
        [
            "log": .function("log") { arguments, _ in
                let bound = try arguments.bind(["msg", "info"], defaults: ["info": .bool(false)], function: "log")
                if bound["info"].isTruthy { print(bound["msg"].pyStr) }
                return .string("")
            },
            "print": .function("print") { [printCalls = options.printCalls] arguments, _ in
                if printCalls { print((arguments.positional.first ?? .none).pyStr) }
                return .string("")
            },
            "exceptions": .object(ExceptionsObject(print: print, policy: options.warningPolicy)),
        ]
    }

    /// The dbt version Weir reports itself compatible with (`dbt_version`, manifests).
    public static let dbtVersion = "1.11.0"

    /// The names one render of one node sees, and the shared layers below them.
    func context(for state: NodeRenderState) -> ([String: Value], SharedGlobals) {
        let node = state.node
        let shared = registry.namespace(for: node.packageName, base: packageLayer(node.packageName))
        let this: Value
        if state.phase == .compile || node.resourceType != .test {
            this = .object(relation(for: node))
        } else {
            this = .none
        }
        var context: [String: Value] = [
            "ref": refFunction(state),
            "source": sourceFunction(state),
            "config": .object(ConfigObject(state: state)),
            "var": varFunction(for: node),
            "this": this,
            "model": .object(NodeObject(node, batch: state.batch.map(batchValue))),
            "weir": .object(WeirNamespace(compiler: self, state: state)),
            "execute": .bool(state.phase == .compile),
            "is_incremental": isIncrementalFunction(state),
            "database": node.database.map(Value.string) ?? .none,
            "schema": .string(node.schema),
            "graph": state.phase == .compile ? .object(graph) : .dict([("nodes", .dict([])), ("sources", .dict([]))]),
            "selected_resources": .list([]),
            "run_query": runQueryFunction(state),
            "load_result": .function("load_result") { arguments, _ in
                state.statementResults[(arguments.positional.first ?? .none).pyStr] ?? .none
            },
            "statement": statementFunction(state),
        ]
        if state.keepsEffects {
            context["env_var"] = DbtFunctions.envVar(options.environment, allowSecrets: false) { name, value in
                state.environmentRead[name] = value
            }
            context.merge(printingFunctions { state.printedLines.append($0) }) { _, printing in printing }
        }
        // A macro of the project's own named `is_incremental` (`run_query`, `statement`) replaces
        // Weir's function, as it replaces dbt's macro.
        for name in replacedFunctions(from: node.packageName) { context[name] = nil }
        if let unit = state.unitTest { applyUnitTestOverrides(unit, to: &context, node: node) }
        // dbtplyr's helpers by its name, unless the project installs dbtplyr itself.
        if registry.macrosByPackage["dbtplyr"] == nil { context["dbtplyr"] = .object(DbtplyrNamespace(compiler: self)) }
        return (context, shared)
    }

    /// A model under a unit test: `this` is the `this` input's CTE (None without one, as in dbt),
    /// and the test's `overrides` answer for the macros, vars and environment variables they name.
    private func applyUnitTestOverrides(_ unit: UnitTestRender, to context: inout [String: Value], node: ManifestNode) {
        context["this"] = unit.use("this").map(cteRelation) ?? Value.none
        let overrides = unit.overrides
        for (name, value) in overrides.macros where !name.contains(".") {
            context[name] = .function(name) { _, _ in value.jinjaValue }
        }
        if !overrides.vars.isEmpty {
            context["var"] = varFunction(package: node.packageName, reader: node.name, overrides: overrides.vars)
        }
        if !overrides.envVars.isEmpty {
            var environment = options.environment
            for (name, value) in overrides.envVars { environment[name] = value.stringValue ?? value.jinjaValue.pyStr }
            context["env_var"] = DbtFunctions.envVar(environment, allowSecrets: false) { _, _ in }
        }
    }

    /// The dbt macros served as functions that a non-internal macro replaces for `package`.
    func replacedFunctions(from package: String) -> [String] {
        replacedFunctions.value(for: package) {
            Self.dbtMacrosServedAsFunctions.sorted().filter { name in
                registry.lookup(name, from: package).map { !registry.internalPackages.contains($0.package) } ?? false
            }
        }
    }

    /// Per-package names under the macros: the adapter, which dispatches from that package.
    func packageLayer(_ package: String) -> SharedGlobals {
        packageLayers.value(for: package) {
            SharedGlobals(["adapter": .object(AdapterObject(compiler: self, package: package))], parent: baseGlobals)
        }
    }

    /// `model.batch`: dbt's `{id, event_time_start, event_time_end}` of the batch compiling.
    func batchValue(_ batch: BatchRender) -> Value {
        .dict([
            ("id", .string(batch.id)), ("event_time_start", PythonModules.utcDatetime(batch.start)),
            ("event_time_end", PythonModules.utcDatetime(batch.end)),
        ])
    }

    func isIncrementalFunction(_ state: NodeRenderState) -> Value {
        .function("is_incremental") { _, _ in
            if let batch = state.batch { return .bool(batch.incremental) }
            // Offline, the relation is never known to exist, so dbt's check is false.
            return .bool(state.phase == .compile && self.buildsIncrementally(state.node))
        }
    }

    /// `var(name, default)`: the command line's `--vars`, then the root project's vars for the
    /// node's package, then its global ones, then the package's own.
    func varFunction(for node: ManifestNode) -> Value { varFunction(package: node.packageName, reader: node.name) }

    /// `var(name, default)` for what `package` renders; `reader` names it in the error (dbt's
    /// `<Configuration>` for a properties file).
    func varFunction(package: String, reader: String, overrides: ConfigMap = ConfigMap()) -> Value {
        .function("var") { arguments, context in
            let bound = try arguments.bind(
                ["name", "default"], defaults: ["default": .undefined(Undefined(.name("default")))], function: "var")
            let name = bound["name"].pyStr
            if let value = overrides[name] { return try self.renderVar(value, context: context) }
            if let value = self.lookupVar(name, package: package) {
                return try self.renderVar(value, context: context)
            }
            if !bound["default"].isUndefined { return bound["default"] }
            throw RuntimeFailure.raised(
                "Required var '\(name)' not found in config:\nVars supplied to \(reader) = \(self.varsSummary(package: package))")
        }
    }

    func lookupVar(_ name: String, package: String) -> ConfigValue? {
        if let value = options.cliVars[name] { return value }
        let rootVars = root.config.vars
        if let scoped = rootVars[package]?.mapValue, let value = scoped[name] { return value }
        if let value = rootVars[name], !(packages.contains { $0.config.name == name } && value.mapValue != nil) {
            return value
        }
        if package != root.config.name, let own = self.package(named: package)?.config.vars {
            if let scoped = own[package]?.mapValue, let value = scoped[name] { return value }
            if let value = own[name] { return value }
        }
        return nil
    }

    private func varsSummary(package: String) -> String {
        var names: [String] = []
        for (key, value) in root.config.vars where !(value.mapValue != nil && self.package(named: key) != nil) {
            names.append(key)
        }
        for (key, _) in root.config.vars[package]?.mapValue ?? ConfigMap() { names.append(key) }
        for (key, _) in options.cliVars { names.append(key) }
        if names.isEmpty { return "{\n}" }
        return "{\n" + Array(Set(names)).sorted().map { "    \"\($0)\": ..." }.joined(separator: ",\n") + "\n}"
    }

    /// Project vars are stored unrendered; a string var is rendered when read, in the reading
    /// render's context, as dbt does (`{{ source('erp', 'books') }}` as a var's value names the
    /// reading model's source, and records it as a dependency while parsing).
    private func renderVar(_ value: ConfigValue, context: CallContext) throws -> Value {
        guard case .string(let text) = value, text.utf8.contains(UInt8(ascii: "{")) else { return value.jinjaValue }
        return .string(try context.render(try jinja.parse(text, name: "<var>")))
    }
}

/// `exceptions.raise_compiler_error(msg)`, `exceptions.warn(msg)` and friends.
final class ExceptionsObject: JinjaObject {
    let print: (String) -> Void
    /// Whether `warn` (dbt's `JinjaLogWarning`) raises instead, or prints nothing.
    let policy: WarningPolicy

    init(print: @escaping (String) -> Void, policy: WarningPolicy) {
        self.print = print
        self.policy = policy
    }

    /// dbt's event for `exceptions.warn`.
    static let warningEvent = "JinjaLogWarning"

    var typeName: String { "dict" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "raise_compiler_error":
            return .function(name) { arguments, _ in
                throw RuntimeFailure.raised((arguments.positional.first ?? .none).pyStr)
            }
        case "warn":
            return .function(name) { arguments, _ in
                let message = (arguments.positional.first ?? .none).pyStr
                if self.policy.isError(event: Self.warningEvent) { throw RuntimeFailure.raised(message) }
                if !self.policy.isSilenced(event: Self.warningEvent) { self.print("Warning: " + message) }
                return .string("")
            }
        case "raise_not_implemented":
            return .function(name) { arguments, _ in
                throw RuntimeFailure.raised("Not implemented: " + (arguments.positional.first ?? .none).pyStr)
            }
        case "raise_fail_fast_error", "raise_database_error", "raise_dependency_error":
            return .function(name) { arguments, _ in
                throw RuntimeFailure.raised((arguments.positional.first ?? .none).pyStr)
            }
        case "column_type_missing":
            return .function(name) { arguments, _ in
                throw RuntimeFailure.raised(
                    "Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the \((arguments.positional.first ?? .none).pyStr) column(s).")
            }
        default: return nil
        }
    }
}

/// `flags.FULL_REFRESH`, `flags.WHICH`...: the invocation's settings as dbt names them.
final class FlagsObject: JinjaObject {
    /// What reading `flags.WHICH` tells the render's observer.
    static let commandRead = "flags.WHICH"
    let options: CompileOptions

    init(options: CompileOptions) { self.options = options }

    var typeName: String { "Namespace" }

    func attribute(_ name: String, _ context: CallContext) throws -> Value? {
        switch name {
        case "FULL_REFRESH": return .bool(options.fullRefresh)
        case "WHICH":
            context.observe(Self.commandRead)
            return .string(options.command)
        case "STORE_FAILURES": return .bool(options.storeFailures)
        case "WARN_ERROR": return .bool(options.warningPolicy.warnError)
        case "DEBUG", "EMPTY", "FAIL_FAST", "USE_COLORS_FILE", "INTROSPECT":
            return .bool(false)
        case "STATE_MODIFIED_COMPARE_MORE_UNRENDERED_VALUES": return .bool(false)
        case "LOG_FORMAT": return .string("default")
        case "THREADS": return Value.none
        default: return nil
        }
    }
}
