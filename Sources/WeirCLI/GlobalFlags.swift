import ArgumentParser

/// dbt's global flags: accepted before the command (`weir --warn-error build`, as dbt has taken
/// them since 1.5) as well as after it.
enum GlobalFlags {
    /// The flags dbt takes before its command whose value is the next argument (unless written
    /// `--flag=value`), so that the command's name is not taken for a value.
    static let taking: Set<String> = [
        "--profile", "--target", "-t", "--target-path", "--state", "--defer-state", "--indirect-selection",
        "--warn-error-options", "--log-format", "--log-format-file", "--log-level", "--log-level-file", "--log-path",
        "--log-file-max-bytes", "--printer-width", "--record-timing-info", "-r", "--partial-parse-file-path",
        "--profiles-dir", "--project-dir", "--vars", "--threads",
    ]

    /// The commands that have commands of their own (`docs generate`, `source freshness`).
    static let groups: Set<String> = ["docs", "source"]

    /// `arguments` (without the program's name) with the flags given before the command moved
    /// just after it (after `docs generate`...), where each command reads them.
    static func movedAfterCommand(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            index += taking.contains(arguments[index]) ? 2 : 1
        }
        guard index > 0, index < arguments.count else { return arguments }
        var insertion = index + 1
        if groups.contains(arguments[index]), insertion < arguments.count, !arguments[insertion].hasPrefix("-") {
            insertion += 1
        }
        return Array(arguments[index..<insertion]) + arguments[..<index] + arguments[insertion...]
    }
}

/// dbt's global flags that change nothing in Weir, accepted so that a dbt command line runs
/// unchanged: Weir writes no log file (`--log-path`, `--log-level-file`...), keeps no relation
/// cache (`--cache-selected-only`, `--populate-cache`), sends no usage statistics, has one
/// parser (`--static-parser`, `--use-experimental-parser`) and no deprecation warnings.
struct FlagsWithoutEffect: ParsableArguments {
    @Option(name: .customLong("log-level"), help: .hidden) var logLevel: String?
    @Option(name: .customLong("log-level-file"), help: .hidden) var logLevelFile: String?
    @Option(name: .customLong("log-format-file"), help: .hidden) var logFormatFile: String?
    @Option(name: .customLong("log-path"), help: .hidden) var logPath: String?
    @Option(name: .customLong("log-file-max-bytes"), help: .hidden) var logFileMaxBytes: Int?
    @Option(name: .customLong("printer-width"), help: .hidden) var printerWidth: Int?
    @Option(name: [.customShort("r"), .customLong("record-timing-info")], help: .hidden) var recordTimingInfo: String?
    @Option(name: .customLong("partial-parse-file-path"), help: .hidden) var partialParseFilePath: String?
    @Flag(inversion: .prefixedNo, help: .hidden) var sendAnonymousUsageStats: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var staticParser: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var useExperimentalParser: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var cacheSelectedOnly: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var populateCache: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var logCacheEvents: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var partialParseFileDiff: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var useFastTestEdges: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var uploadToArtifactsIngestApi: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var singleThreaded: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var showAllDeprecations: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var macroDebugging: Bool?
    @Flag(inversion: .prefixedNo, help: .hidden) var useColorsFile: Bool?
}
