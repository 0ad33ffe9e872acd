import Contracts
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import SQLDialect

/// One package to compile: its resolved project file and its files.
public struct PackageInput: Sendable {
    public var config: ProjectConfig
    public var files: PackageFiles
    /// The package's directory as the user would write it (for messages).
    public var directory: String

    public init(config: ProjectConfig, files: PackageFiles, directory: String) {
        self.config = config
        self.files = files
        self.directory = directory
    }
}

/// Everything about an invocation that changes what templates render.
public struct CompileOptions: Sendable {
    /// `--vars`, already parsed.
    public var cliVars = ConfigMap()
    /// The process environment `env_var` reads.
    public var environment: [String: String] = [:]
    public var fullRefresh = false
    /// `--empty`: upstream refs and sources print as subqueries of none of their rows (dbt's
    /// `limit=0`), so that a build creates every relation empty.
    public var empty = false
    /// The command (`compile`, `run`, `build`...), dbt's `flags.WHICH`.
    public var command = "compile"
    public var invocationID = UUID().uuidString.lowercased()
    public var runStartedAt = Date()
    /// `--event-time-end`: where incremental windows (`weir.window()`) end instead of the run's start.
    public var eventTimeEnd: Date?
    /// `--sample`: refs and sources whose target has an `event_time`, read by models and
    /// snapshots, keep the rows of this window (a microbatch batch, what it shares with it).
    public var sample: (start: Date, end: Date)?
    /// The column vocabulary of `weir.yml`, when the project declares one.
    public var vocabulary: ColumnVocabulary?
    /// Output column names of models known before parsing (the last schema inference's), so
    /// that the vocabulary's generated tests cover undeclared columns in `weir ls` and `parse`.
    public var knownColumns: [String: [String]] = [:]
    /// The parse cache an earlier run left, if any (see `ParseCache`).
    public var previousParse: ParseCache?
    /// Where `print()` and `log(..., info=True)` go.
    public var logSink: (@Sendable (String) -> Void)?
    /// `--store-failures`: `flags.STORE_FAILURES`, which decides for tests whose config leaves
    /// `store_failures` unset.
    public var storeFailures = false
    /// `--no-print` turns it off: `print()` in templates prints nothing (`log` still does).
    public var printCalls = true
    /// `--warn-error` and `--warn-error-options`: whether `exceptions.warn` (dbt's
    /// `JinjaLogWarning`) raises instead, or says nothing.
    public var warningPolicy = WarningPolicy()

    public init() {}
}
