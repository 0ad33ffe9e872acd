import Foundation
import Jinja

/// Python's `re` module: `modules.re.sub('[^a-z]', '_', x)`.
enum ReModule {
    static func make() -> PyModuleObject {
        let cache = RegexCache()
        var members: [String: Value] = [:]
        let flags: [(String, String, Int)] = [
            ("A", "ASCII", PythonRegex.Flag.ascii), ("I", "IGNORECASE", PythonRegex.Flag.ignoreCase),
            ("L", "LOCALE", PythonRegex.Flag.locale), ("M", "MULTILINE", PythonRegex.Flag.multiline),
            ("S", "DOTALL", PythonRegex.Flag.dotAll), ("U", "UNICODE", PythonRegex.Flag.unicode),
            ("X", "VERBOSE", PythonRegex.Flag.verbose), ("T", "TEMPLATE", 1), ("DEBUG", "DEBUG", 128),
        ]
        for (short, long, value) in flags {
            let flag = Value.object(RegexFlagObject(name: long, value: value))
            members[short] = flag
            members[long] = flag
        }
        members["NOFLAG"] = .object(RegexFlagObject(name: "NOFLAG", value: 0))

        func compiled(_ pattern: Value?, _ flags: Value?) throws -> RePatternObject {
            let flagValue = try flags.map(RegexFlagObject.intValue) ?? 0
            if let compiled = pattern?.object(RePatternObject.self) {
                if flagValue != 0 {
                    throw PyError.value("cannot process flags argument with a compiled pattern")
                }
                return compiled
            }
            guard case .string(let text) = pattern ?? .none else {
                throw PyError.type("first argument must be string or compiled pattern")
            }
            return try cache.pattern(text, flags: flagValue)
        }

        members["compile"] = .method("compile") { arguments in
            let bound = try arguments.bind(
                ["pattern", "flags"], defaults: ["flags": .int(0)], function: "compile")
            return .object(try compiled(bound[0], bound[1]))
        }
        for name in ["match", "search", "fullmatch"] {
            members[name] = .function(name) { arguments, context in
                let bound = try arguments.bind(
                    ["pattern", "string", "flags"], defaults: ["flags": .int(0)], function: name)
                let pattern = try compiled(bound[0], bound[2])
                guard let method = try pattern.attribute(name, context) else { return .none }
                return try context.call(method, Arguments([bound[1]]))
            }
        }
        for name in ["findall", "finditer"] {
            members[name] = .function(name) { arguments, context in
                let bound = try arguments.bind(
                    ["pattern", "string", "flags"], defaults: ["flags": .int(0)], function: name)
                let pattern = try compiled(bound[0], bound[2])
                guard let method = try pattern.attribute(name, context) else { return .none }
                return try context.call(method, Arguments([bound[1]]))
            }
        }
        for name in ["sub", "subn"] {
            members[name] = .function(name) { arguments, context in
                let bound = try arguments.bind(
                    ["pattern", "repl", "string", "count", "flags"],
                    defaults: ["count": .int(0), "flags": .int(0)],
                    function: name)
                let pattern = try compiled(bound[0], bound[4])
                let (text, count) = try pattern.substitute(
                    bound[1], try subject(bound[2]), count: try PyConvert.int(bound[3]), context)
                return name == "sub" ? .string(text) : .tuple([.string(text), .int(count)])
            }
        }
        members["split"] = .method("split") { arguments in
            let bound = try arguments.bind(
                ["pattern", "string", "maxsplit", "flags"],
                defaults: ["maxsplit": .int(0), "flags": .int(0)],
                function: "split")
            let pattern = try compiled(bound[0], bound[3])
            return .list(pattern.split(try subject(bound[1]), maxsplit: try PyConvert.int(bound[2])))
        }
        members["escape"] = .method("escape") { arguments in
            let bound = try arguments.bind(["pattern"], function: "escape")
            return .string(escape(try subject(bound[0])))
        }
        members["purge"] = .method("purge") { arguments in
            _ = try arguments.bind([], function: "purge")
            cache.purge()
            return .none
        }
        return PyModuleObject("re", members)
    }

    /// The string argument of a search, with Python's `TypeError`.
    static func subject(_ value: Value?) throws -> String {
        guard case .string(let text) = value ?? .none else {
            throw PyError.type("expected string or bytes-like object, got '\((value ?? .none).typeName)'")
        }
        return text
    }

    /// `re.escape`: a backslash before each character special to a pattern (Python 3.7's set).
    static func escape(_ text: String) -> String {
        let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}".unicodeScalars)
        var out = ""
        for scalar in text.unicodeScalars {
            if special.contains(scalar) { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
