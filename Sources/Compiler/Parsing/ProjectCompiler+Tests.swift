import Checksums
import Foundation
import Diagnostics
import Jinja
import ProjectLoading
import ProjectModel

/// What a generic test is attached to: a model/seed/snapshot, or a source table.
struct Testable {
    enum Kind {
        case node(String)
        case source(sourceName: String, tableName: String)
    }

    let name: String
    let kind: Kind
    let version: ConfigValue?
    /// `models`, `seeds`, `sources`...: dbt's `file_key_name` prefix.
    let yamlKey: String
    let originalFilePath: String
    /// The tags each of its tests starts with: a source table's are its source's and its own
    /// (`tags:`), as dbt tags them.
    var tags: [String] = []
}

/// A generic test made from its YAML definition, not yet in the manifest.
struct GenericTest {
    var node: ManifestNode
    /// The tags it inherits from what it tests (its source's, its column's): the test's own tags
    /// once it is finalized, beside its configured ones (`ManifestNode.inheritedTags`).
    var tags: [String]
    /// Where its definition is, for the error a duplicate of it gets.
    let span: SourceSpan
}

extension ProjectCompiler {
    /// The `data_tests:` (or legacy `tests:`) of an entry and of its columns.
    func parseTests(_ entry: YAMLNode, columns: YAMLNode?, for testable: Testable, _ properties: PropertyFile) throws {
        try add(makeTests(entry, columns: columns, for: testable, properties), properties)
    }

    /// Adds tests made ahead, in order; one that could not be made throws its error. (Read in
    /// place: a copy of each test, made by iterating, retains and releases all it holds.)
    func add(_ tests: [Result<GenericTest, any Error>], _ properties: PropertyFile) throws {
        for index in tests.indices {
            switch tests[index] {
            case .success(let test): try add(test, properties)
            case .failure(let error): throw error
            }
        }
    }

    /// The tests `parseTests` adds, made without touching the compiler's state (so on any
    /// thread), in order, up to and including the first that fails.
    func makeTests(
        _ entry: YAMLNode, columns: YAMLNode?, for testable: Testable, _ properties: PropertyFile
    ) -> [Result<GenericTest, any Error>] {
        var tests: [Result<GenericTest, any Error>] = []
        func make(_ definition: YAMLNode, columnName: String?, tags: [String]) -> Bool {
            let test = Result { try makeGenericTest(definition, columnName: columnName, tags: tags, for: testable, properties) }
            tests.append(test)
            if case .failure = test { return false }
            return true
        }
        for definition in (entry["data_tests"] ?? entry["tests"])?.items ?? [] {
            guard make(definition, columnName: nil, tags: testable.tags) else { return tests }
        }
        for column in columns?.items ?? [] {
            guard var columnName = column["name"]?.scalar.map({ $0.jinjaValue.pyStr }) else { continue }
            if column["quote"]?.scalar?.boolValue == true { columnName = dialect.quote(columnName) }
            var tags = testable.tags + (column["tags"]?.value.stringList ?? [])
            tags += column["config"]?["tags"]?.value.stringList ?? []
            for definition in (column["data_tests"] ?? column["tests"])?.items ?? [] {
                guard make(definition, columnName: columnName, tags: Array(Set(tags))) else { return tests }
            }
        }
        return tests
    }

    private static let configArguments = [
        "severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures",
        "store_failures_as", "meta", "database", "schema", "alias",
    ]

    /// Adds the test node a YAML test definition declares; returns its unique id.
    func parseGenericTest(
        _ definition: YAMLNode, columnName: String?, tags: [String], for testable: Testable, _ properties: PropertyFile
    ) throws -> String {
        let test = try makeGenericTest(definition, columnName: columnName, tags: tags, for: testable, properties)
        try add(test, properties)
        return test.node.uniqueID
    }

    /// Puts a test into the manifest, unless one with its id (the same name and arguments) is there.
    func add(_ test: GenericTest, _ properties: PropertyFile) throws {
        let id = test.node.uniqueID
        // (The duplicate replaced here is never read: the error ends the parse.)
        if manifest.nodes.updateValue(test.node, forKey: id) != nil {
            throw Diagnostic(
                code: "W0602", message: "the test '\(test.node.name)' is defined twice with the same arguments",
                file: properties.source, span: test.span, help: "remove the duplicate, or give one a `name:`")
        }
        if !test.tags.isEmpty { testTags[id] = test.tags }
        let file = PropertyFileKey(package: properties.package, path: properties.file.originalFilePath)
        if propertyFiles[file] == nil { propertyFiles[file] = properties.source }
    }

    /// The test node a YAML test definition declares. Reads only what parsing settled before the
    /// properties files (macros, docs, vars), so that files' tests can be made on all cores.
    func makeGenericTest(
        _ definition: YAMLNode, columnName: String?, tags: [String], for testable: Testable, _ properties: PropertyFile
    ) throws -> GenericTest {
        func invalid(_ message: String) -> Diagnostic {
            Diagnostic(
                code: "W0601", message: message, file: properties.source, span: definition.span,
                help: "write a test as `- unique`, or `- accepted_values: {arguments: {values: [...]}}`")
        }
        // The test's name and its arguments, in the order written.
        var testName: String
        var arguments = ConfigMap()
        switch definition.kind {
        case .scalar(.string(let name)):
            testName = name
        case .mapping(let entries):
            if let explicit = definition["test_name"]?.string {
                testName = explicit
                for entry in entries where entry.key != "test_name" { arguments[entry.key] = entry.value.value }
            } else {
                guard entries.count == 1, let only = entries.first else {
                    throw invalid("a test definition must have exactly one key, the test's name (found \(entries.count))")
                }
                testName = only.key
                switch only.value.value {
                case .map(let map): arguments = map
                case .null: break
                default: throw invalid("the arguments of test '\(only.key)' must be a mapping")
                }
            }
        default:
            throw invalid("a test must be a name or a mapping")
        }
        if let columnName { arguments["column_name"] = .string(columnName) }
        // dbt 1.10+: test arguments may sit under `arguments:`.
        if let nested = arguments["arguments"] {
            arguments["arguments"] = nil
            for (key, value) in nested.mapValue ?? ConfigMap() { arguments[key] = value }
        }
        if arguments["model"] != nil { throw invalid("a test may not take a 'model' argument: it is set by dbt") }
        let parts = testName.split(ascii: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ Self.isIdentifier($0) }) else {
            throw invalid("'\(testName)' is not a valid test name")
        }
        let namespace = parts.count == 2 ? parts[0] : nil
        let name = parts.last ?? testName
        // Configs given as arguments (legacy) or under `config:`.
        var config = ConfigMap()
        var nestedConfig = arguments["config"]?.mapValue ?? ConfigMap()
        for key in Self.configArguments {
            var value = arguments[key]
            arguments[key] = nil
            if value == nil || value?.isTruthy == false {
                if arguments["config"] != nil, let nested = nestedConfig[key] {
                    value = nested
                    nestedConfig[key] = nil
                }
            }
            if let value, !value.isNull { config[key] = try renderTestConfig(value, properties) }
        }
        if arguments["config"] != nil {
            arguments["config"] = nil
            for (key, value) in nestedConfig where !value.isNull {
                config[key] = try renderTestConfig(value, properties)
            }
        }
        var description = ""
        var docBlocks: [String] = []
        if let value = arguments["description"] {
            (description, docBlocks) = try describe(text: value.stringValue ?? "", span: definition.span, properties)
            arguments["description"] = nil
        }
        let targetCall: String
        switch testable.kind {
        case .node:
            if let version = testable.version {
                targetCall = "ref('\(testable.name)', version='\(versionText(version))')"
            } else {
                targetCall = "ref('\(testable.name)')"
            }
        case .source(let sourceName, let tableName):
            targetCall = "source('\(sourceName)', '\(tableName)')"
        }
        arguments["model"] = .string("{{ get_where_subquery(\(targetCall)) }}")
        let compiledName: String
        let fqnName: String
        if let custom = arguments["name"]?.stringValue {
            compiledName = custom
            fqnName = custom
            arguments["name"] = nil
        } else {
            var prefix = name
            var targetName = testable.name
            if case .source = testable.kind { prefix = "source_" + name }
            if let namespace { prefix = namespace + "_" + prefix }
            if case .node = testable.kind, let version = testable.version {
                targetName = "\(testable.name)_v\(versionText(version))"
            }
            (compiledName, fqnName) = Self.synthesizeTestNames(prefix, targetName, arguments)
            if compiledName != fqnName, config["alias"] == nil { config["alias"] = .string(compiledName) }
        }
        let macroName = (namespace.map { "\($0)." } ?? "") + "test_\(name)"
        let rawCode = "{{ \(macroName)(**_dbt_generic_test_kwargs) }}" + Self.configCall(config)
        let metadata = TestMetadata(name: name, kwargs: arguments, namespace: namespace)
        let hash = String(MD5.hash(fqnName + Self.hashableRepr(metadata)).hex.suffix(10))
        let id = "test.\(properties.package).\(fqnName).\(hash)"
        var node = ManifestNode(
            uniqueID: id, resourceType: .test, packageName: properties.package, name: fqnName, path: compiledName + ".sql",
            originalFilePath: properties.file.originalFilePath,
            fqn: [properties.package] + properties.folders + [fqnName], rawCode: rawCode,
            checksum: FileChecksum(name: "none", checksum: ""))
        node.schema = target.schema
        node.database = target.database
        node.alias = fqnName
        node.testMetadata = metadata
        node.columnName = columnName
        node.description = description
        node.docBlocks = docBlocks
        switch testable.kind {
        case .node(let attached): node.attachedNode = attached
        case .source(let sourceName, _): node.fileKeyName = "sources.\(sourceName)"
        }
        if case .node = testable.kind { node.fileKeyName = "\(testable.yamlKey).\(testable.name)" }
        node.configCallDict = config
        let testMacro = namespace.flatMap { registry.macro("test_\(name)", inPackage: $0) }
            ?? registry.lookup("test_\(name)", from: properties.package)
        guard let testMacro else {
            throw Diagnostic(
                code: "W0603",
                message: "\(testable.yamlKey.dropLast()) '\(testable.name)' has a test '\(testName)' but no macro named '\(macroName)' exists",
                file: properties.source, span: definition.span,
                help: "check the test's name, or define it with `{% test \(name)(model, column_name) %}`")
        }
        node.dependsOn.macros = [testMacro.info.uniqueID]
        // Record the refs and sources the arguments mention, as dbt's parse render does.
        if name == "not_null" || name == "unique", testMacro.package == "dbt" {
            switch testable.kind {
            case .node: node.refs = [RefCall(name: testable.name, version: testable.version)]
            case .source(let sourceName, let tableName): node.sources = [SourceCall(sourceName: sourceName, tableName: tableName)]
            }
        } else {
            // dbt renders the arguments of every other test while parsing, `model` through
            // `get_where_subquery`, which it records among the test's macros (the others get it
            // when they compile).
            node.dependsOn.macros += macroDependencies(of: ["get_where_subquery"], package: properties.package)
            let state = NodeRenderState(node: node, phase: .parse)
            let kwargs: [(String, Value)]
            do {
                kwargs = try renderedTestKwargs(metadata, state: state)
            } catch let error as TemplateError {
                throw Diagnostic(
                    code: "W0604", message: "could not read the arguments of test '\(testName)': \(error.message)",
                    file: properties.source, span: definition.span)
            }
            if testBodyNeedsParseRender(testMacro) {
                do {
                    var (context, shared) = self.context(for: state)
                    context["_dbt_generic_test_kwargs"] = .dict(kwargs)
                    let call = "{{ \(macroName)(**_dbt_generic_test_kwargs) }}"
                    _ = try parsedTemplate(call, name: Self.testCallName).render(context, shared: shared)
                } catch let error as TemplateError {
                    // Where the body failed, the macros it went through, then the test's definition.
                    var diagnostic = CompilerDiagnostics.renderFailed(error, what: "could not parse test '\(testName)'")
                    diagnostic.notes.removeAll { $0.file?.name == Self.testCallName }
                    diagnostic.notes.append(.init("the test is defined here", file: properties.source, span: definition.span))
                    throw diagnostic
                }
                // dbt's config calls: the test's own (YAML) config, the body's `config()` calls,
                // then the YAML config again (rendered as a `config()` call after the body), so
                // that it wins (and tags append).
                var configCalls = node.configCallDict
                ConfigMerging.mergeConfigCall(state.configCalls, into: &configCalls)
                ConfigMerging.mergeConfigCall(node.configCallDict, into: &configCalls)
                node.configCallDict = configCalls
            }
            node.refs = state.refs
            node.sources = state.sources
        }
        return GenericTest(node: node, tags: Array(Set(tags)).sorted(), span: definition.span)
    }

    /// The name of the one-line template that calls a test's macro (no file of its own).
    private static let testCallName = "<generic test call>"

    /// Whether a generic test's definition is rendered while parsing, as dbt renders it (with
    /// `execute` false), for the `config()` calls and refs in its body: dbt-utils'
    /// `equal_rowcount` sets `fail_calc` that way. dbt renders every test but its own `not_null`
    /// and `unique`; Weir also leaves out its other built-in tests, whose bodies call neither,
    /// unless a project defines an implementation they may dispatch to.
    private func testBodyNeedsParseRender(_ macro: RegisteredMacro) -> Bool {
        guard registry.internalPackages.contains(macro.package) else { return true }
        return testImplementationsOutsideInternalPackages.contains { $0.hasSuffix("__" + macro.name) }
    }

    private func renderTestConfig(_ value: ConfigValue, _ properties: PropertyFile) throws -> ConfigValue {
        guard case .string(let text) = value, text.containsUTF8(UInt8(ascii: "{")) else { return value }
        let template = try jinja.parse(text, name: properties.source.name)
        var context = schemaContext(package: properties.package)
        context["target"] = target.publicFields.jinjaValue
        return ConfigValue(try NativeRendering.finish(try template.renderNative(context, shared: baseGlobals)))
    }

    /// dbt's `add_rendered_test_kwargs` for a generic test parsing (for the refs and sources its
    /// arguments call) or compiling (for `_dbt_generic_test_kwargs`). The usual arguments, a
    /// literal `ref('name')` or `source('source', 'table')` and the `model` argument that wraps
    /// one in `get_where_subquery(...)`, are answered as their render would answer them without
    /// one, while `get_where_subquery` is Weir's own (`MacroRegistry.overridesWhereSubquery`)
    /// and, compiling, no `where` is configured. In the order written, as the dict the test's
    /// macro is called with.
    func renderedTestKwargs(
        _ metadata: TestMetadata, state: NodeRenderState, context known: (names: [String: Value], shared: SharedGlobals)? = nil
    ) throws -> [(String, Value)] {
        var context = known
        return try renderedTestKwargs(metadata) { text in
            if let (call, inWhereSubquery) = Self.literalCall(text), !inWhereSubquery || !registry.overridesWhereSubquery {
                switch state.phase {
                case .parse:
                    switch call {
                    case .ref(let ref): state.refs.append(ref)
                    case .source(let source): state.sources.append(source)
                    }
                    // Parsing, `ref`/`source` give the test's own relation, and so does
                    // `get_where_subquery` (`config.get('where')` is empty then).
                    return .object(self.relation(for: state.node))
                case .compile where !inWhereSubquery || !(state.node.config["where"]?.isTruthy ?? false):
                    // A failure is left to the render, which reports it where it happened.
                    switch call {
                    case .ref(let ref): if let value = try? self.compiledRef(ref, state) { return value }
                    case .source(let source): if let value = try? self.compiledSource(source, state) { return value }
                    }
                case .compile:
                    break
                }
            }
            if context == nil { context = self.context(for: state) }
            return try self.renderTestArgument(text, context: context!.names, shared: context!.shared)
        }
    }

    /// dbt's `add_rendered_test_kwargs`: each argument rendered natively in the test's context,
    /// a bare `ref(...)`/`source(...)` call wrapped in `{{ }}` first; `column_name` stays text.
    private func renderedTestKwargs(
        _ metadata: TestMetadata, renderTemplate: (String) throws -> Value
    ) throws -> [(String, Value)] {
        // (Only the top-level `column_name` is left as text: no key path is built for the rest.)
        func render(_ value: ConfigValue, isColumnName: Bool = false) throws -> Value {
            switch value {
            case .string(var text):
                if isColumnName { return .string(text) }
                if Self.looksLikeFunction(text) { text = "{{ \(text) }}" }
                guard text.containsUTF8(UInt8(ascii: "{")) else { return .string(text) }
                return try renderTemplate(text)
            case .list(let items):
                return .list(try items.map { try render($0) })
            case .map(let map):
                return .dict(try map.map { ($0.key, try render($0.value)) })
            default:
                return value.jinjaValue
            }
        }
        return try metadata.kwargs.map { ($0.key, try render($0.value, isColumnName: $0.key == "column_name")) }
    }

    private func renderTestArgument(_ text: String, context: [String: Value], shared: SharedGlobals) throws -> Value {
        let template = try parsedTemplate(text, name: "<test argument>")
        return try NativeRendering.finish(try template.renderNative(context, shared: shared))
    }

    enum LiteralCall: Equatable {
        case ref(RefCall)
        case source(SourceCall)
    }

    /// `{{ ref('name') }}`, `{{ ref('package', 'name') }}` or `{{ source('source', 'table') }}`
    /// with plain quoted names (no escapes, no keywords), as `looksLikeFunction` wraps them, alone
    /// or as the argument of `get_where_subquery(...)` (a generic test's `model`).
    static func literalCall(_ template: String) -> (call: LiteralCall, inWhereSubquery: Bool)? {
        // Read as UTF-8 bytes: this runs for every argument of every generic test.
        var template = template
        return template.withUTF8 { bytes -> (call: LiteralCall, inWhereSubquery: Bool)? in
            var position = 0
            func skipSpaces() {
                while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
                    position += 1
                }
            }
            func take(_ prefix: StaticString) -> Bool {
                skipSpaces()
                let count = prefix.utf8CodeUnitCount
                guard position + count <= bytes.count,
                    memcmp(bytes.baseAddress! + position, prefix.utf8Start, count) == 0
                else { return false }
                position += count
                return true
            }
            func quoted() -> String? {
                skipSpaces()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") else {
                    return nil
                }
                let quote = bytes[position]
                let start = position + 1
                var end = start
                while end < bytes.count, bytes[end] != quote {
                    if bytes[end] == UInt8(ascii: "\\") || bytes[end] == UInt8(ascii: "\n") { return nil }
                    end += 1
                }
                guard end < bytes.count else { return nil }
                position = end + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            guard take("{{") else { return nil }
            let inWhereSubquery = take("get_where_subquery(")
            let function: String
            if take("ref") { function = "ref" } else if take("source") { function = "source" } else { return nil }
            guard take("("), let first = quoted() else { return nil }
            var names = [first]
            while take(",") {
                guard let next = quoted() else { return nil }
                names.append(next)
            }
            guard take(")"), !inWhereSubquery || take(")"), take("}}") else { return nil }
            skipSpaces()
            guard position == bytes.count else { return nil }
            switch (function, names.count) {
            case ("ref", 1): return (.ref(RefCall(name: names[0], version: nil)), inWhereSubquery)
            case ("ref", 2): return (.ref(RefCall(package: names[0], name: names[1], version: nil)), inWhereSubquery)
            case ("source", 2): return (.source(SourceCall(sourceName: names[0], tableName: names[1])), inWhereSubquery)
            default: return nil
            }
        }
    }

    /// `^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$`
    static func looksLikeFunction(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces
        for name in ["env_var", "ref", "var", "source", "doc"] where trimmed.hasPrefix(name) {
            let rest = trimmed.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("("), rest.hasSuffix(")"), rest.count > 2, !trimmed.utf8.contains(UInt8(ascii: "\n")) { return true }
        }
        return false
    }

    /// An ASCII identifier: a letter or `_`, then letters, digits and `_`.
    static func isIdentifier(_ text: String) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), first == UInt8(ascii: "_") || isLetter(first) else { return false }
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "_") || isLetter(byte) || isDigit(byte) else { return false }
        }
        return true
    }

    /// dbt's `synthesize_generic_test_names`: `<type>_<target>_<args...>`, hashed past 63 characters.
    static func synthesizeTestNames(_ testType: String, _ targetName: String, _ arguments: ConfigMap) -> (String, String) {
        // Written as UTF-8 bytes: this runs for every generic test.
        var name = Array("\(testType)_\(targetName)_".utf8)
        let identifierCount = name.count - 1
        var first = true
        func add(_ value: ConfigValue) {
            if !first { name += "__".utf8 }
            first = false
            if case .string(let text) = value { replaceNonWord(text, appendingTo: &name) } else {
                replaceNonWord(value.jinjaValue.pyStr, appendingTo: &name)
            }
        }
        for key in arguments.keys.sorted() where key != "model" {
            switch arguments[key] ?? .null {
            case .map(let map): map.forEach { add($0.value) }
            case .list(let items): items.forEach(add)
            case let value: add(value)
            }
        }
        let fullName = String(decoding: name, as: UTF8.self)
        // Python's `len` and slices count code points.
        if fullName.unicodeScalars.count >= 64 {
            let identifier = String(decoding: name[..<identifierCount], as: UTF8.self)
            return ("\(String(identifier.unicodeScalars.prefix(30)))_\(MD5.hash(fullName).hex)", fullName)
        }
        return (fullName, fullName)
    }

    /// `re.sub("[^0-9a-zA-Z_]+", "_", text)`, appended. (A character outside ASCII is all bytes
    /// outside it, so runs of them are found byte by byte.)
    private static func replaceNonWord(_ text: String, appendingTo bytes: inout [UInt8]) {
        var inRun = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "_") || CharacterSetASCII.isAlphanumeric(Unicode.Scalar(byte)) {
                bytes.append(byte)
                inRun = false
            } else if !inRun {
                bytes.append(UInt8(ascii: "_"))
                inRun = true
            }
        }
    }

    /// `repr()` of dbt's hashable form of the test metadata: keys sorted, leaves as `str()`.
    /// Written out directly as UTF-8 rather than built as a Python dict and printed: this runs
    /// for every generic test.
    static func hashableRepr(_ metadata: TestMetadata) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(256)
        func write(_ value: ConfigValue) {
            switch value {
            case .map(let map):
                text.append(UInt8(ascii: "{"))
                for (position, key) in map.keys.sorted().enumerated() {
                    if position > 0 { text += ", ".utf8 }
                    pyStringRepr(key, appendingTo: &text)
                    text += ": ".utf8
                    write(map[key] ?? .null)
                }
                text.append(UInt8(ascii: "}"))
            case .list(let items):
                text.append(UInt8(ascii: "["))
                for (position, item) in items.enumerated() {
                    if position > 0 { text += ", ".utf8 }
                    write(item)
                }
                text.append(UInt8(ascii: "]"))
            case .string(let string):
                pyStringRepr(string, appendingTo: &text)
            default:
                pyStringRepr(value.jinjaValue.pyStr, appendingTo: &text)
            }
        }
        text += "{'kwargs': ".utf8
        write(.map(metadata.kwargs))
        text += ", 'name': ".utf8
        pyStringRepr(metadata.name, appendingTo: &text)
        text += ", 'namespace': ".utf8
        pyStringRepr(metadata.namespace ?? "None", appendingTo: &text)
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }

    /// dbt's `construct_config`: `{{ config(severity="warn",where="x > 1") }}`.
    static func configCall(_ config: ConfigMap) -> String {
        guard !config.isEmpty else { return "" }
        let parts = config.map { key, value -> String in
            if case .string(let s) = value {
                let escaped = s.utf8.contains(UInt8(ascii: "\"")) ? s.replacingOccurrences(of: "\"", with: "\\\"") : s
                return "\(key)=\"\(escaped)\""
            }
            return "\(key)=\(value.jinjaValue.pyStr)"
        }
        return "{{ config(\(parts.joined(separator: ","))) }}"
    }
}

enum CharacterSetASCII {
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "0" && scalar <= "9") || (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
    }
}
