import Checksums
import Diagnostics
import Jinja
import ProjectLoading
import ProjectModel

extension ProjectCompiler {
    /// A `unit_tests:` entry, rendered: dbt's `UnitTestParser`. Its inputs and expected rows are
    /// normalized as dbt normalizes them (csv text and fixture files read into rows, a seed's
    /// rows when an input gives none); the tested model is found once every node is parsed
    /// (`resolveUnitTests`).
    func parseUnitTest(_ entry: YAMLNode, _ properties: PropertyFile) throws {
        let name = entry["name"]?.string ?? ""
        func failure(_ message: String, at node: YAMLNode?, help: String) -> Diagnostic {
            Diagnostic(code: "W0520", message: message, file: properties.source, span: (node ?? entry).span, help: help)
        }
        guard let model = entry["model"]?.string, !model.isEmpty else {
            throw failure(
                "unit test '\(name)' needs a 'model': the model it tests", at: entry["model"],
                help: "add `model: <model name>` to the unit test")
        }
        guard let givenItems = entry["given"]?.items else {
            throw failure(
                "unit test '\(name)' needs 'given': a list of its inputs", at: entry["given"],
                help: "write `given:` as a list of `- input: ref('...')` entries (or `given: []`)")
        }
        guard let expectNode = entry["expect"], expectNode.isMapping else {
            throw failure(
                "unit test '\(name)' needs 'expect': a mapping with the rows the model should return",
                at: entry["expect"], help: "write `expect: {rows: [...]}`")
        }
        let package = properties.package
        let id = "unit_test.\(package).\(model).\(name)"
        if let existing = manifest.unitTests[id] ?? manifest.disabledUnitTests[id] {
            throw failure(
                "two unit tests named '\(name)' test model '\(model)' (the other is in \(existing.originalFilePath))",
                at: entry["name"], help: "rename one of them")
        }
        let path = properties.file.path
        var test = UnitTestDefinition(
            uniqueID: id, name: name, model: model, packageName: package, path: path,
            originalFilePath: properties.file.originalFilePath, fqn: [package] + Self.directories(path) + [model, name])
        test.description = try renderDescription(entry["description"], properties)
        test.config = try unitTestConfig(entry, fqn: test.fqn, properties)
        for item in givenItems {
            guard item.isMapping, let input = item["input"]?.string else {
                throw failure(
                    "each input of unit test '\(name)' needs 'input': what it stands for", at: item,
                    help: "write `- input: ref('model')`, `source('source', 'table')` or `this`")
            }
            test.given.append(try unitTestFixture(item, input: input, of: name, properties))
        }
        test.expect = try unitTestFixture(expectNode, input: nil, of: name, properties)
        if let overrides = entry["overrides"]?.value.mapValue {
            test.overrides = ConfigMap([
                ("macros", overrides["macros"] ?? .map(ConfigMap())), ("vars", overrides["vars"] ?? .map(ConfigMap())),
                ("env_vars", overrides["env_vars"] ?? .map(ConfigMap())),
            ])
        }
        if let versions = entry["versions"]?.value.mapValue {
            test.versions = .map(ConfigMap([("include", versions["include"] ?? .null), ("exclude", versions["exclude"] ?? .null)]))
        }
        test.checksum = Self.unitTestChecksum(test)
        unitTestSpans[id] = (properties.source, entry.span)
        if test.isEnabled { manifest.unitTests[id] = test } else { manifest.disabledUnitTests[id] = test }
    }

    /// dbt's `UnitTestConfig`: the project's `unit_tests:` tree along the test's fqn, then its own
    /// `config:` (the manifest writer fills the fields none sets).
    private func unitTestConfig(_ entry: YAMLNode, fqn: [String], _ properties: PropertyFile) throws -> ConfigMap {
        var merged = ConfigMap()
        var trees = [package(named: properties.package)?.config.configTrees[.unitTest]]
        if properties.package != root.config.name { trees.append(root.config.configTrees[.unitTest]) }
        for tree in trees {
            for layer in ConfigMerging.projectLayers(tree, fqn: fqn) { ConfigMerging.merge(layer, into: &merged) }
        }
        ConfigMerging.merge(try renderConfig(entry["config"], properties), into: &merged)
        // (Merging makes `tags` a list; dbt turns a boolean `static_analysis` into on or off.)
        if case .bool(let on)? = merged["static_analysis"] { merged["static_analysis"] = .string(on ? "on" : "off") }
        return merged
    }

    /// An input or the expected output, its rows in the form dbt keeps: `dict` and `csv` as a
    /// list of mappings (csv values as text, empty ones null) with the first row free of nulls
    /// moved to the top; `sql` as the query's text.
    private func unitTestFixture(
        _ node: YAMLNode, input: String?, of test: String, _ properties: PropertyFile
    ) throws -> UnitTestFixture {
        let kind = input == nil ? "expected" : "input"
        let format = node["format"]?.string ?? "dict"
        var fixture = UnitTestFixture(
            input: input, rows: node["rows"]?.value ?? .null, format: format, fixture: node["fixture"]?.string)
        func failure(_ message: String, help: String) -> Diagnostic {
            Diagnostic(code: "W0521", message: message, file: properties.source, span: node.span, help: help)
        }
        switch format {
        case "dict":
            if case .null = fixture.rows, fixture.fixture == nil, let input {
                fixture.rows = .list(try seedRows(input, properties, at: node).map(ConfigValue.map))
            }
            guard case .list(let rows) = fixture.rows, rows.allSatisfy({ $0.mapValue != nil }) else {
                throw failure(
                    "Unit test \(test) has \(kind) rows which do not match format dict",
                    help: "give `rows:` as a list of mappings, or set `format: csv` or `format: sql`")
            }
        case "csv", "sql":
            let text: String
            if let name = fixture.fixture {
                // (dbt strips a file's text as it reads it.)
                text = String(try fixtureFile(name, properties, at: node).source.text.pythonStripped)
            } else if case .string(let rows) = fixture.rows {
                text = rows
            } else {
                throw failure(
                    "Unit test \(test) has \(kind) rows or fixtures which do not match format \(format).  Expected string.",
                    help: "give `rows:` as text (a YAML block `|`), or name a file with `fixture:`")
            }
            if format == "sql" {
                if fixture.fixture != nil { fixture.rows = .string(text) }
            } else {
                fixture.rows = .list(PythonCSV.dictRows(text).map { row in
                    var nulled = ConfigMap()
                    for (key, value) in row { nulled[key] = value == .string("") ? .null : value }
                    return .map(nulled)
                })
            }
        default:
            throw failure(
                "unit test \(test) has an \(kind) with format '\(format)'; dbt knows dict, csv and sql",
                help: "set `format:` to dict, csv or sql")
        }
        // dbt moves the first row without nulls to the top (Redshift types a column by its first value).
        if format != "sql", case .list(var rows) = fixture.rows,
            let full = rows.firstIndex(where: { row in row.mapValue?.allSatisfy { !$0.value.isNull } ?? false }), full > 0
        {
            rows.swapAt(0, full)
            fixture.rows = .list(rows)
        }
        return fixture
    }

    /// The file `<test-path>/fixtures/<name>.csv` (or `.sql`) of the test's package.
    private func fixtureFile(_ name: String, _ properties: PropertyFile, at node: YAMLNode) throws -> ResourceFile {
        let files = package(named: properties.package)?.files.unitTestFixtures ?? []
        guard let file = files.first(where: { Self.stem($0.originalFilePath) == name }) else {
            throw Diagnostic(
                code: "W0522",
                message: "File not found for fixture '\(name)' in unit tests in \(properties.file.originalFilePath)",
                file: properties.source, span: node.span,
                help: "put the rows in tests/fixtures/\(name).csv (or .sql for a query)")
        }
        return file
    }

    /// The rows of the seed an input refs, as dbt reads them for an input without rows.
    private func seedRows(_ input: String, _ properties: PropertyFile, at node: YAMLNode) throws -> [ConfigMap] {
        var ref: RefCall?
        if case .ref(let call)? = Self.literalCall("{{ \(input) }}")?.call { ref = call }
        let package = ref?.package ?? properties.package
        let name = ref?.name ?? input
        guard ref != nil, let file = nodeFiles["seed.\(package).\(name)"] else {
            let paths = self.package(named: package)?.config.seedPaths ?? ["seeds"]
            let message =
                package != properties.package
                ? "Unable to find seed '\(package).\(name)' for unit tests in '\(package)' package"
                : "Unable to find seed '\(package).\(name)' for unit tests in directories: \(ConfigValue.list(paths.map(ConfigValue.string)).jinjaValue.pyRepr)"
            throw Diagnostic(
                code: "W0523", message: message, file: properties.source, span: node.span,
                help: "give the input's `rows:` (or a `fixture:`), or ref a seed of the project")
        }
        return PythonCSV.dictRows(file.text)
    }

    /// dbt's `build_unit_test_checksum`: the sha256 of the Python text of the model, versions,
    /// inputs, expected output and overrides (and of each input's fixture rows).
    static func unitTestChecksum(_ test: UnitTestDefinition) -> String {
        func repr(_ value: ConfigValue?) -> String { (value ?? .null).jinjaValue.pyRepr }
        func format(_ format: String) -> String {
            let member = ["csv": "CSV", "dict": "Dict", "sql": "SQL"][format] ?? format
            return "<UnitTestFormat.\(member): '\(format)'>"
        }
        func rest(_ fixture: UnitTestFixture) -> String {
            "rows=\(repr(fixture.rows)), format=\(format(fixture.format)), fixture=\(repr(fixture.fixture.map(ConfigValue.string)))"
        }
        let given = test.given.map { "UnitTestInputFixture(input=\(repr($0.input.map(ConfigValue.string))), \(rest($0)))" }
        let versions = test.versions?.mapValue.map {
            "UnitTestNodeVersions(include=\(repr($0["include"])), exclude=\(repr($0["exclude"])))"
        }
        let overrides = test.overrides.map {
            "UnitTestOverrides(macros=\(repr($0["macros"])), vars=\(repr($0["vars"])), env_vars=\(repr($0["env_vars"])))"
        }
        var data = "\(test.model)-\(versions ?? "None")-[\(given.joined(separator: ", "))]-UnitTestOutputFixture(\(rest(test.expect)))-\(overrides ?? "None")"
        // (Python's `str` of the rows here, not their `repr`.)
        for input in test.given where input.fixture != nil { data += "-\(input.rows.jinjaValue.pyStr)" }
        return SHA256.hash(Array(data.utf8)).hex
    }

    /// dbt's `process_models_for_unit_test`, once every node is final: each unit test's model
    /// found (a disabled model disables its tests), an incremental model's tests checked for an
    /// `is_incremental` override (and a `this` input when it is true), and a test of a versioned
    /// model made once per version it covers.
    func resolveUnitTests() throws {
        for id in manifest.unitTests.keys.sortedByCodePoint() {
            guard var test = manifest.unitTests[id] else { continue }
            func failure(_ message: String, help: String) -> Diagnostic {
                let place = unitTestSpans[id]
                return Diagnostic(code: "W0524", message: message, file: place?.file, span: place?.span, help: help)
            }
            let words = test.model.split(separator: " ").map(String.init)
            let name = words.first ?? test.model
            let wanted = words.count == 2 ? words[1] : nil
            let candidates = (refableByName[name] ?? []).compactMap { manifest.nodes[$0] }.filter {
                $0.resourceType == .model && $0.packageName == test.packageName
            }
            let tested = candidates.first { node in
                guard let wanted else { return node.version == nil || node.version == node.latestVersion }
                return node.version.map(versionText) == wanted
            }
            guard let tested else {
                let disabled = manifest.disabled.values.joined().contains {
                    $0.resourceType == .model && $0.name == name && $0.packageName == test.packageName
                }
                guard disabled else {
                    throw failure(
                        "Unable to find model '\(test.packageName).\(test.model)' for unit test '\(test.name)' in \(test.originalFilePath)",
                        help: "name a model of the project in `model:`")
                }
                test.config["enabled"] = false
                manifest.unitTests[id] = nil
                manifest.disabledUnitTests[id] = test
                continue
            }
            test.dependsOnNodes = [tested.uniqueID]
            test.schema = tested.schema
            let override = test.overrides?["macros"]?.mapValue?["is_incremental"]
            if tested.dependsOn.macros.contains("macro.dbt.is_incremental") {
                guard case .bool(let incremental)? = override else {
                    throw failure(
                        "Boolean override for 'is_incremental' must be provided for unit test '\(test.name)' in model '\(tested.name)'",
                        help: "add `overrides: {macros: {is_incremental: true}}` (or false) to the unit test")
                }
                if incremental, !test.given.contains(where: { $0.input == "this" }) {
                    throw failure(
                        "Unit test '\(test.name)' for incremental model '\(tested.name)' must have a 'this' input",
                        help: "add an input `- input: this` with the rows the model's table already holds")
                }
            }
            guard tested.version != nil else {
                let include = test.versions?.mapValue?["include"], exclude = test.versions?.mapValue?["exclude"]
                if !(include?.isNull ?? true) || !(exclude?.isNull ?? true) {
                    throw failure(
                        "Unit test '\(test.name)' should not have a versions include or exclude when referencing non-versioned model '\(tested.name)'",
                        help: "remove `versions:` from the unit test")
                }
                manifest.unitTests[id] = test
                continue
            }
            try splitByVersion(test, of: candidates, failure: failure)
        }
    }

    /// A unit test of a versioned model replaced by one test per version it covers.
    private func splitByVersion(
        _ test: UnitTestDefinition, of versions: [ManifestNode], failure: (String, String) -> Diagnostic
    ) throws {
        let include = test.versions?.mapValue?["include"]?.listValue?.map(versionText)
        let exclude = test.versions?.mapValue?["exclude"]?.listValue?.map(versionText)
        let covered = versions.filter { node in
            let version = node.version.map(versionText) ?? ""
            if let exclude { return !exclude.contains(version) }
            if let include { return include.contains(version) }
            return true
        }
        guard !covered.isEmpty else {
            throw failure(
                "Unit test '\(test.name)' referenced a version of '\(test.model)' which was not found.",
                "list versions the model defines under the unit test's `versions:`")
        }
        manifest.unitTests[test.uniqueID] = nil
        for node in covered {
            var copy = test
            copy.version = node.version
            copy.uniqueID = "unit_test.\(test.packageName).\(test.model).\(copy.versionedName)"
            copy.dependsOnNodes = [node.uniqueID]
            copy.schema = node.schema
            manifest.unitTests[copy.uniqueID] = copy
        }
    }
}

/// Python's `csv.DictReader` over text in the default (excel) dialect: the first record names
/// the fields; blank lines are skipped; a short record's missing fields are null and a long
/// one's extra values dropped.
enum PythonCSV {
    static func dictRows(_ text: String) -> [ConfigMap] {
        let records = self.records(text)
        guard let header = records.first else { return [] }
        return records.dropFirst().filter { !$0.isEmpty }.map { record in
            var row = ConfigMap()
            for (index, name) in header.enumerated() {
                row[name] = index < record.count ? .string(record[index]) : .null
            }
            return row
        }
    }

    /// The records of the text: fields split at commas, `"` quoting (a doubled quote inside is
    /// one), records ended by a line break outside quotes.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false, inField = false
        var bytes = Array(text.utf8)[...]
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            inField = false
        }
        func endRecord() {
            if inField || !record.isEmpty { endField() }
            records.append(record)
            record = []
        }
        while let byte = bytes.popFirst() {
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if bytes.first == UInt8(ascii: "\"") {
                        field.append(byte)
                        bytes = bytes.dropFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","): endField(); inField = true
            case UInt8(ascii: "\n"): endRecord()
            case UInt8(ascii: "\r"):
                if bytes.first == UInt8(ascii: "\n") { bytes = bytes.dropFirst() }
                endRecord()
            case UInt8(ascii: "\"") where field.isEmpty: quoted = true; inField = true
            default: field.append(byte); inField = true
            }
        }
        if inField || !record.isEmpty { endRecord() }
        return records
    }
}
