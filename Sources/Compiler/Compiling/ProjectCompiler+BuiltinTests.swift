import Jinja
import ProjectModel

/// The four built-in generic tests (`unique`, `not_null`, `accepted_values`, `relationships`)
/// compiled without a render, while the project leaves their macros as Weir ships them.
///
/// A generic test's compile render calls its `{% test %}` shell, which dispatches to
/// `default__test_<name>`: two macro calls, a dispatch and a context of some twenty names for
/// SQL that only fills the test's arguments into fixed text. Projects have tens of thousands of
/// these tests, and rendering them was over a tenth of a cold compile. The text below is what
/// `BuiltinMacros.GenericTests` renders, byte for byte (a test renders both and compares them);
/// as soon as any package defines one of the macros involved, the test is rendered instead.
extension ProjectCompiler {
    /// Each built-in test's call, the raw code of the tests that use it.
    private static let builtinTestCalls: [String: String] = Dictionary(
        uniqueKeysWithValues: ["unique", "not_null", "accepted_values", "relationships"].map {
            ($0, "{{ test_\($0)(**_dbt_generic_test_kwargs) }}")
        })

    /// The built-in tests whose macros no package overrides: those `nativeTestSQL` may compile.
    func findNativelyCompiledTests() -> Set<String> {
        var native: Set<String> = []
        let macros = registry.allMacros
        for test in Self.builtinTestCalls.keys {
            var involved: Set<String> = ["test_\(test)"]
            if test == "not_null" { involved.insert("should_store_failures") }
            let onlyWeirs = macros.allSatisfy { macro in
                macro.package == "dbt" || !(involved.contains(macro.name) || macro.name.hasSuffix("__test_\(test)"))
            }
            let implementation = dispatchTarget("test_\(test)", namespace: "dbt", from: root.config.name).macro
            if onlyWeirs, implementation?.package == "dbt", implementation?.name == "default__test_\(test)" {
                native.insert(test)
            }
        }
        return native
    }

    /// What the built-in test `node` compiles to given its rendered arguments, or nil when it
    /// must be rendered: its macros are overridden, its arguments are not the ones the macro
    /// takes, or a value is not one this text prints the way Jinja would. `readsFlags` tells
    /// whether the render would have read `flags` (as `should_store_failures()` does without a
    /// `store_failures` config).
    func nativeTestSQL(_ node: ManifestNode, kwargs: [(String, Value)]) -> (sql: String, readsFlags: Bool)? {
        guard let metadata = node.testMetadata, metadata.namespace == nil,
            nativelyCompiledTests?.contains(metadata.name) == true, callsOnlyItsTest(node, metadata.name)
        else { return nil }
        // A handful of arguments: found by comparing names.
        func argument(_ name: String) -> Value? { kwargs.first { $0.0 == name }?.1 }
        /// Whether the arguments are those the test's macro takes (an unknown one is an error
        /// the render reports).
        func takes(_ required: [String], optional: [String] = []) -> Bool {
            required.allSatisfy { argument($0) != nil } && kwargs.allSatisfy { required.contains($0.0) || optional.contains($0.0) }
        }
        /// What `{{ name }}` prints.
        func text(_ name: String) -> String { argument(name)!.pyStr }
        // The `{% test %}` shell's whitespace around the dispatched macro's output.
        func shell(_ body: String) -> String { "\n    \n    " + body + "\n" }
        switch metadata.name {
        case "unique":
            guard takes(["model", "column_name"]) else { return nil }
            let column = text("column_name")
            let body =
                "\n\nselect\n    \(column) as unique_field,\n    count(*) as n_records\n\nfrom \(text("model"))\n"
                + "where \(column) is not null\ngroup by \(column)\nhaving count(*) > 1\n\n"
            return (shell(body), false)
        case "not_null":
            guard takes(["model", "column_name"]) else { return nil }
            // `should_store_failures()`: the config when set, else `flags.STORE_FAILURES`.
            let configured = node.config["store_failures"]?.jinjaValue ?? .none
            let storeFailures = configured.isNone ? options.storeFailures : configured.isTruthy
            let columns = storeFailures ? "*" : text("column_name")
            let body = "\n\n\n\nselect \(columns)\nfrom \(text("model"))\nwhere \(text("column_name")) is null\n\n"
            return (shell(body), configured.isNone)
        case "accepted_values":
            guard takes(["model", "column_name", "values"], optional: ["quote"]), case .list(let values) = argument("values")!
            else { return nil }
            let column = text("column_name")
            let quote = argument("quote")?.isTruthy ?? true
            let list = values.items.map { quote ? "'\($0.pyStr)'" : $0.pyStr }.joined(separator: ",")
            let body =
                "\n\nwith all_values as (\n\n    select\n        \(column) as value_field,\n        count(*) as n_records\n\n"
                + "    from \(text("model"))\n    group by \(column)\n\n)\n\nselect *\nfrom all_values\n"
                + "where value_field not in (\n    \(list)\n)\n\n"
            return (shell(body), false)
        case "relationships":
            guard takes(["model", "column_name", "to", "field"]) else { return nil }
            let column = text("column_name")
            let body =
                "\n\nwith child as (\n    select \(column) as from_field\n    from \(text("model"))\n"
                + "    where \(column) is not null\n),\n\nparent as (\n    select \(text("field")) as to_field\n"
                + "    from \(text("to"))\n)\n\nselect\n    from_field\n\nfrom child\nleft join parent\n"
                + "    on child.from_field = parent.to_field\n\nwhere parent.to_field is null\n\n"
            return (shell(body), false)
        default:
            return nil
        }
    }

    /// Whether a generic test's raw code is its macro's call, maybe followed by the `config()`
    /// call its configuration gives it (which renders nothing when compiling, once it parses).
    private func callsOnlyItsTest(_ node: ManifestNode, _ test: String) -> Bool {
        guard let call = Self.builtinTestCalls[test], node.rawCode.hasUTF8Prefix(call) else { return false }
        let configCall = node.rawCode.utf8.dropFirst(call.utf8.count)
        if configCall.isEmpty || Self.isPlainConfigCall(configCall) { return true }
        return configCall.starts(with: "{{ config(".utf8)
            && (try? parsedTemplate(node.rawCode, name: templateNames[node.uniqueID] ?? node.originalFilePath)) != nil
    }

    /// Whether `text` is a `config()` call as `configCall` writes it for the usual settings
    /// (`{{ config(alias="...",severity="warn") }}`): names set to double-quoted text without
    /// quotes, backslashes or braces in it, to `True`, `False`, `None` or a plain number. Such a
    /// call parses, and renders nothing when compiling; anything else is left to the parser.
    static func isPlainConfigCall(_ text: Substring.UTF8View) -> Bool {
        let prefix = "{{ config(".utf8, suffix = ") }}".utf8
        guard text.starts(with: prefix), text.count > prefix.count + suffix.count, text.suffix(suffix.count).elementsEqual(suffix)
        else { return false }
        let arguments = text.dropFirst(prefix.count).dropLast(suffix.count)
        var position = arguments.startIndex
        func next() -> UInt8? { position < arguments.endIndex ? arguments[position] : nil }
        func advance() { position = arguments.index(after: position) }
        func isNameByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        while true {
            // name=
            guard let first = next(), isNameByte(first), !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
                return false
            }
            while let byte = next(), isNameByte(byte) { advance() }
            guard next() == UInt8(ascii: "=") else { return false }
            advance()
            // the value
            if next() == UInt8(ascii: "\"") {
                advance()
                while let byte = next(), byte != UInt8(ascii: "\"") {
                    guard byte >= 0x20, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "{"), byte != UInt8(ascii: "}")
                    else { return false }
                    advance()
                }
                guard next() == UInt8(ascii: "\"") else { return false }
                advance()
            } else {
                let start = position
                while let byte = next(), byte != UInt8(ascii: ",") { advance() }
                let token = String(decoding: arguments[start..<position], as: UTF8.self)
                guard ["True", "False", "None"].contains(token) || Self.isPlainNumber(token) else { return false }
            }
            guard let separator = next() else { return true }
            guard separator == UInt8(ascii: ",") else { return false }
            advance()
        }
    }

    /// `12`, `-3`, `0.5`: a number as Python prints an int or a short float.
    private static func isPlainNumber(_ token: String) -> Bool {
        var bytes = Array(token.utf8)
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { (48...57).contains($0) } }
    }
}
