import Checksums
import Foundation
import Jinja
import ProjectModel

/// The functions of dbt's context that need no node: `env_var`, `var`, `return`, `log`,
/// `fromjson`, `tojson`, `zip`, `set`...
enum DbtFunctions {
    static let secretPrefix = "DBT_ENV_SECRET_"

    /// Records which environment variables were read in this invocation, so that the snapshots
    /// it leaves can tell when they change. (Each parse render keeps its own reads with it.)
    final class EnvUsage: @unchecked Sendable {
        private let lock = NSLock()
        private var everRead: Set<String> = []

        func record(_ names: some Sequence<String>) {
            lock.withLock { everRead.formUnion(names) }
        }

        /// Every variable read in this invocation, whoever read it.
        var allNames: Set<String> { lock.withLock { everRead } }
    }

    /// `env_var(name, default)`: the variable, else the default, else an error. Secret variables
    /// (`DBT_ENV_SECRET_...`) only where dbt allows them (profiles, packages).
    /// `record` is told each variable read and the value seen (nil: unset).
    static func envVar(
        _ environment: [String: String], allowSecrets: Bool, record: @escaping (String, String?) -> Void
    ) -> Value {
        .function("env_var") { arguments, _ in
            let bound = try arguments.bind(["var", "default"], defaults: ["default": .undefined(Undefined(.name("default")))], function: "env_var")
            let name = bound["var"].pyStr
            if name.hasPrefix(secretPrefix), !allowSecrets {
                throw RuntimeFailure.raised(
                    "Secret env vars are allowed only in profiles.yml or packages.yml. Found '\(name)' referenced elsewhere.")
            }
            if let value = environment[name] {
                record(name, value)
                return .string(value)
            }
            record(name, nil)
            if !bound["default"].isUndefined { return bound["default"] }
            throw RuntimeFailure.raised("Env var required but not provided: '\(name)'")
        }
    }

    /// `var()` where only the command line's `--vars` exist (profiles and the project file).
    static func cliVar(_ cliVars: ConfigMap) -> Value {
        .function("var") { arguments, _ in
            let bound = try arguments.bind(["name", "default"], defaults: ["default": .undefined(Undefined(.name("default")))], function: "var")
            let name = bound["name"].pyStr
            if let value = cliVars[name] { return value.jinjaValue }
            if !bound["default"].isUndefined { return bound["default"] }
            throw RuntimeFailure.raised("Required var '\(name)' not found in config:\nVars supplied to <Configuration> = {}")
        }
    }

    static let returnFunction = Value.function("return") { arguments, _ in
        throw MacroReturn(arguments.positional.first ?? .none)
    }

    /// `fromjson(string, default=None)`.
    static let fromjson = Value.function("fromjson") { arguments, _ in
        let bound = try arguments.bind(["string", "default"], defaults: ["default": .none], function: "fromjson")
        do {
            return try Value.parseJSON(bound["string"].pyStr)
        } catch {
            return bound["default"]
        }
    }

    /// `tojson(value, default=None, sort_keys=False)`.
    static let tojson = Value.function("tojson") { arguments, _ in
        let bound = try arguments.bind(
            ["value", "default", "sort_keys"], defaults: ["default": .none, "sort_keys": .bool(false)], function: "tojson")
        do {
            return .string(try bound["value"].pythonJSON(sortKeys: bound["sort_keys"].isTruthy))
        } catch {
            return bound["default"]
        }
    }

    /// `zip(*iterables, default=None)`: a list of tuples (dbt returns Python's zip object;
    /// templates iterate it); `default` when an argument is not iterable.
    static func zip(strict: Bool) -> Value {
        .function(strict ? "zip_strict" : "zip") { arguments, context in
            do {
                let lists = try arguments.positional.map { try $0.iterate(context) }
                let count = lists.map(\.count).min() ?? 0
                return .list((0..<count).map { index in .tuple(lists.map { $0[index] }) })
            } catch let failure as RuntimeFailure {
                if strict { throw failure }
                return arguments.keyword("default") ?? .none
            }
        }
    }

    /// `set(iterable, default=None)`: a `SetValue` of the items; `default` when they are not
    /// iterable or not hashable (`set_strict` raises instead), as dbt's `try_or_compiler_error`.
    static func set(strict: Bool) -> Value {
        .function(strict ? "set_strict" : "set") { arguments, context in
            guard let iterable = arguments.positional.first else { return .object(try SetValue([])) }
            do {
                return .object(try SetValue(try iterable.iterate(context)))
            } catch let failure as RuntimeFailure {
                if strict { throw failure }
                return arguments.keyword("default") ?? .none
            }
        }
    }

    /// `diff_of_two_dicts(a, b)`: the values of `a` missing from `b`, keys and values compared
    /// case-insensitively.
    static let diffOfTwoDicts = Value.function("diff_of_two_dicts") { arguments, context in
        let bound = try arguments.bind(["dict_a", "dict_b"], function: "diff_of_two_dicts")
        guard case .dict(let a) = bound["dict_a"], case .dict(let b) = bound["dict_b"] else {
            throw RuntimeFailure.type("diff_of_two_dicts() takes two dicts")
        }
        var lowered: [String: [String]] = [:]
        for (key, values) in b.pairs {
            lowered[key.pyStr.lowercased()] = try values.iterate(context).map { $0.pyStr.lowercased() }
        }
        var diff: [(String, Value)] = []
        for (key, values) in a.pairs {
            guard let known = lowered[key.pyStr.lowercased()] else {
                diff.append((key.pyStr, values))
                continue
            }
            let missing = try values.iterate(context).filter { !known.contains($0.pyStr.lowercased()) }
            if !missing.isEmpty { diff.append((key.pyStr, .list(missing))) }
        }
        return .dict(diff)
    }

    /// `local_md5(text)`.
    static let localMD5 = Value.function("local_md5") { arguments, _ in
        .string(MD5.hash((arguments.positional.first ?? .none).pyStr).hex)
    }
}
