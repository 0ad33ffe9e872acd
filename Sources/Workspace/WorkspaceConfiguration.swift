import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel

/// Everything an invocation needs to know, passed explicitly: no globals.
public struct WorkspaceConfiguration: Sendable {
    public var projectDirectory = "."
    /// `--profiles-dir`; else `DBT_PROFILES_DIR`, the project directory, then `~/.dbt`.
    public var profilesDirectory: String?
    /// `--target`; else the profile's `target:`.
    public var targetName: String?
    /// `--vars`, parsed.
    public var cliVars = ConfigMap()
    public var threads: Int?
    /// Connections to a server warehouse opened while the project is parsed, for the commands
    /// that will connect (a run's session and first worker, the docs' catalog): authenticating
    /// then overlaps parsing instead of following it.
    public var connectionsAhead = 0
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    public var fileSystem: any FileSystem = LocalFileSystem()
    /// dbt's `flags.WHICH`.
    public var command = "compile"
    public var fullRefresh = false
    /// `--empty` (or `DBT_EMPTY`): refs and sources read no rows (see `CompileOptions.empty`).
    public var empty = false
    /// `--store-failures` (`test`, `build`; also `DBT_STORE_FAILURES`): tests whose config leaves
    /// `store_failures` unset keep their failing rows, as dbt's `should_store_failures()` decides.
    public var storeFailures = false
    /// `--sample` (`run`, `build`): the window of rows refs and sources with an `event_time` read.
    public var sample: SampleWindow?
    /// `--state`: the directory of a previous invocation's artifacts (its `manifest.json`),
    /// whose enforced contracts the project's are checked against.
    public var statePath: String?
    /// `--defer`: refs to nodes the invocation does not build read the relations of the manifest
    /// in `deferStatePath` (else `statePath`) where theirs are missing (`Deferral`).
    public var deferToState = false
    /// `--defer-state`.
    public var deferStatePath: String?
    /// `--favor-state`: defer every unselected node, built in the target or not.
    public var favorState = false
    /// Whether parsing reuses what the last run's parse recorded for unchanged files
    /// (`--no-partial-parse` or `DBT_PARTIAL_PARSE=false` turn it off).
    public var partialParse = true
    /// `--profile` (or `DBT_PROFILE`): the profile to use instead of the project's `profile:`.
    public var profileName: String?
    /// `--target-path` (or `DBT_TARGET_PATH`): where artifacts go instead of the project's `target-path`.
    public var targetPath: String?
    /// `--write-json` (the default; `--no-write-json`, `DBT_WRITE_JSON`): whether `manifest.json`,
    /// `semantic_manifest.json`, `run_results.json` and `sources.json` are written (`docs
    /// generate` writes its documents whatever it says).
    public var writeJSON = true
    /// `--print` (the default; `--no-print`, `DBT_PRINT`): whether `print()` in templates prints.
    public var printCalls = true
    /// `--version-check` (the default; `--no-version-check`, `DBT_VERSION_CHECK`): whether a
    /// project's `require-dbt-version` that excludes the dbt version Weir follows stops the invocation.
    public var versionCheck = true
    /// `--warn-error` (or `DBT_WARN_ERROR`); nil when not given, for the project's `flags:`.
    public var warnError: Bool?
    /// `--warn-error-options` (or `DBT_WARN_ERROR_OPTIONS`), parsed, and where it was given;
    /// nil when not given, for the project's `flags:`.
    public var warnErrorOptions: (value: ConfigValue, origin: String)?
    /// Where `print()` and `log(info=True)` from templates go.
    public var logSink: (@Sendable (String) -> Void)?
    /// Where warnings found before nodes run (column contracts) are reported as they are found.
    public var warningSink: (@Sendable (Diagnostic) -> Void)?

    public init() {}

    /// `--warn-error`, `--warn-error-options` and `--print` as given, for the snapshots'
    /// fingerprints: a render that warned while the warning was silenced (or printed with
    /// `--no-print`) printed nothing, so its snapshot is not one that an invocation printing may restore.
    var warningSettings: String {
        "warn-error=\(warnError.map(String.init) ?? "") options=\(warnErrorOptions.map { "\($0.value)" } ?? "") print=\(printCalls)"
    }
}
