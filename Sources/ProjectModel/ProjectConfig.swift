/// A package's `dbt_project.yml`, resolved: paths defaulted, `vars` and config trees kept as
/// written (they are rendered later, per node, as dbt does).
public struct ProjectConfig: Sendable {
    public var name: String
    public var version: String?
    public var profile: String?
    public var configVersion = 2
    public var modelPaths = ["models"]
    public var seedPaths = ["seeds"]
    public var testPaths = ["tests"]
    public var macroPaths = ["macros"]
    public var snapshotPaths = ["snapshots"]
    public var analysisPaths = ["analyses"]
    public var docsPaths: [String]?
    public var assetPaths: [String] = []
    public var targetPath = "target"
    public var packagesInstallPath = "dbt_packages"
    public var cleanTargets: [String] = ["target"]
    /// `restrict-access`: the package's protected models may be referenced only from the package
    /// (and its private ones only from their group within it).
    public var restrictAccess = false
    /// `vars:` as written: global keys and per-package maps.
    public var vars = ConfigMap()
    /// The `models:`, `seeds:`, `data_tests:`/`tests:`, `snapshots:`, `sources:`, `exposures:`
    /// config trees, keyed by resource type (analyses and hooks take the `models:` tree, as in dbt).
    public var configTrees: [ResourceType: ConfigMap] = [:]
    /// The same trees as written, before any rendering: what dbt's `unrendered_config` starts from
    /// (`data_tests:`, else `tests:`, for tests).
    public var unrenderedConfigTrees: [ResourceType: ConfigMap] = [:]
    /// `dispatch:`: macro namespace → package search order.
    public var dispatch: [(macroNamespace: String, searchOrder: [String])] = []
    public var onRunStart: [String] = []
    public var onRunEnd: [String] = []
    public var quoting = ConfigMap()
    public var flags = ConfigMap()
    public var requireDbtVersion: [String] = []
    /// dbt's checksum of the project file (the SHA-256 of its text without leading and trailing
    /// whitespace), which its hook operations carry as theirs.
    public var fileChecksum = ""

    public init(name: String) { self.name = name }

    /// Every directory that may hold SQL nodes, macros or docs, for the docs-block scan.
    public var allSourcePaths: [String] {
        docsPaths ?? (modelPaths + seedPaths + testPaths + macroPaths + snapshotPaths + analysisPaths)
    }
}
