/// A unit test declared under `unit_tests:` (dbt 1.8+): a model's SQL checked against fixed
/// input rows and the rows it should then return. Parsed and resolved as dbt's
/// `UnitTestDefinition`; the manifest's `unit_tests` entries are these.
public struct UnitTestDefinition: Sendable, Equatable {
    public var uniqueID: String
    public var name: String
    /// The tested model as written (`orders`, or `orders v2` for one version).
    public var model: String
    public var packageName: String
    public var path: String
    public var originalFilePath: String
    public var fqn: [String]
    public var description = ""
    public var given: [UnitTestFixture] = []
    public var expect = UnitTestFixture()
    /// `{macros, vars, env_vars}`, or nil when the test overrides nothing.
    public var overrides: ConfigMap?
    /// `tags`, `meta`, `enabled` and `static_analysis`, as dbt's `UnitTestConfig`.
    public var config = ConfigMap()
    /// The tested model's unique id, once resolved.
    public var dependsOnNodes: [String] = []
    /// The tested model's schema, once resolved.
    public var schema: String?
    /// dbt's `sha256` of everything but the description (`build_unit_test_checksum`).
    public var checksum = ""
    /// `{include, exclude}` versions of a versioned model, as written.
    public var versions: ConfigValue?
    /// The tested version, for a test made for one version of a versioned model.
    public var version: ConfigValue?

    public init(
        uniqueID: String, name: String, model: String, packageName: String, path: String,
        originalFilePath: String, fqn: [String]
    ) {
        self.uniqueID = uniqueID
        self.name = name
        self.model = model
        self.packageName = packageName
        self.path = path
        self.originalFilePath = originalFilePath
        self.fqn = fqn
    }

    public var isEnabled: Bool { config["enabled"]?.isTruthy ?? true }
    /// dbt's `versioned_name`: the name, with `_v<version>` for a test of one version.
    public var versionedName: String { version.map { "\(name)_v\(versionText($0))" } ?? name }
    public var tags: [String] { config["tags"]?.stringList ?? [] }
}

/// One of a unit test's `given` inputs, or its `expect`ed output.
public struct UnitTestFixture: Sendable, Equatable {
    /// What the input stands for: `ref('x')`, `source('s', 't')` or `this`; nil for `expect`.
    public var input: String?
    /// `dict` rows: a list of mappings; `csv` rows: the same, every value a string or null;
    /// `sql`: the query's text. Null when neither rows nor a fixture file were given.
    public var rows: ConfigValue = .null
    /// `dict`, `csv` or `sql`.
    public var format = "dict"
    /// The name of a file under `<test-path>/fixtures/` that holds the rows.
    public var fixture: String?

    public init(input: String? = nil, rows: ConfigValue = .null, format: String = "dict", fixture: String? = nil) {
        self.input = input
        self.rows = rows
        self.format = format
        self.fixture = fixture
    }
}

extension UnitTestDefinition: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(uniqueID)
        writer.write(name)
        writer.write(model)
        writer.write(packageName)
        writer.write(path)
        writer.write(originalFilePath)
        writer.write(fqn)
        writer.write(description)
        writer.write(given)
        writer.write(expect)
        writer.write(overrides)
        writer.write(config)
        writer.write(dependsOnNodes)
        writer.write(schema)
        writer.write(checksum)
        writer.write(versions)
        writer.write(version)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(
            uniqueID: try reader.read(), name: try reader.read(), model: try reader.read(), packageName: try reader.read(),
            path: try reader.read(), originalFilePath: try reader.read(), fqn: try reader.read())
        description = try reader.read()
        given = try reader.read()
        expect = try reader.read()
        overrides = try reader.read()
        config = try reader.read()
        dependsOnNodes = try reader.read()
        schema = try reader.read()
        checksum = try reader.read()
        versions = try reader.read()
        version = try reader.read()
    }
}

extension UnitTestFixture: BinaryCodable {
    public func encode(to writer: inout BinaryWriter) {
        writer.write(input)
        writer.write(rows)
        writer.write(format)
        writer.write(fixture)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(input: try reader.read(), rows: try reader.read(), format: try reader.read(), fixture: try reader.read())
    }
}
