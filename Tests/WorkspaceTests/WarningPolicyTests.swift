import Diagnostics
import ProjectModel
import Testing

/// `WarningPolicy`: dbt's `WarnErrorOptionsV2` rules (a name in `warn` or `silence` wins over
/// `error`, `error: all` takes every warning dbt gives), with Weir's own warnings named by code.
@Suite struct WarningPolicyTests {
    let selection = Diagnostic(.warning, code: "W1111", message: "no match", event: "NoNodesForSelectionCriteria")
    let inference = Diagnostic(.warning, code: "W1905", message: "could not infer")

    func policy(_ options: ConfigValue) throws -> WarningPolicy {
        try WarningPolicy(options: options, origin: "--warn-error-options")
    }

    @Test func errorAllTakesDbtsWarningsButNotWeirsOwn() throws {
        let all = try policy((["error": .string("all")]))
        #expect(all.isError(selection))
        #expect(!all.isError(inference))
        var warnError = WarningPolicy()
        warnError.warnError = true
        #expect(warnError.isError(selection) && !warnError.isError(inference))
    }

    @Test func aNamedWarningIsAnErrorByEventOrByCode() throws {
        let named = try policy((["error": .list([.string("W1905"), .string("NoNodesForSelectionCriteria")])]))
        #expect(named.isError(selection) && named.isError(inference))
        #expect(try policy((["error": .list([.string("W1111")])])).isError(selection))
    }

    @Test func warnAndSilenceWinOverError() throws {
        let excepted = try policy((["error": .string("*"), "warn": .list([.string("NoNodesForSelectionCriteria")])]))
        #expect(!excepted.isError(selection) && !excepted.isSilenced(selection))
        let silenced = try policy((["error": .list([.string("W1905")]), "silence": .list([.string("W1905")])]))
        #expect(!silenced.isError(inference) && silenced.isSilenced(inference))
    }

    @Test func theOldNamesIncludeAndExcludeStillWork() throws {
        let old = try policy((["include": .string("all"), "exclude": .list([.string("NoNodesForSelectionCriteria")])]))
        #expect(old.errorAll && old.warn == ["NoNodesForSelectionCriteria"])
        #expect(try policy((["error": .null, "silence": .null])) == WarningPolicy())
    }

    /// The warnings before the first error are printed (less the silenced), then it stops.
    @Test func applyPrintsUpToTheFirstError() throws {
        let other = Diagnostic(.warning, code: "W0508", message: "no node", event: "NoNodeForYamlKey")
        let options = try policy((["error": .list([.string("NoNodesForSelectionCriteria")]), "silence": .list([.string("W1905")])]))
        let (printed, error) = options.apply(to: [inference, other, selection, other])
        #expect(printed.map(\.code) == ["W0508"])
        #expect(error?.severity == .error && error?.code == "W1111")
        #expect(error?.notes.last?.message.contains("NoNodesForSelectionCriteria") == true)
    }

    /// The command line's (or environment's) settings, each else the project's `flags:`; both
    /// given is an error, as in dbt.
    @Test func resolutionFollowsDbt() throws {
        let flags = ConfigMap([("warn_error_options", ["error": ["LogTestResult"]])])
        let fromProject = try WarningPolicy.resolve(warnError: nil, options: nil, projectFlags: flags)
        #expect(fromProject.isError(event: "LogTestResult"))
        let overridden = try WarningPolicy.resolve(warnError: nil, options: ([:] as ConfigValue, "--warn-error-options"), projectFlags: flags)
        #expect(!overridden.isError(event: "LogTestResult"))
        #expect(throws: Diagnostic.self) {
            try WarningPolicy.resolve(warnError: true, options: nil, projectFlags: flags)
        }
        let warnError = try WarningPolicy.resolve(warnError: nil, options: nil, projectFlags: ConfigMap([("warn_error", true)]))
        #expect(warnError.warnError)
    }
}
