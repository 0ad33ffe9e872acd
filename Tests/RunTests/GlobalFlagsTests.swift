import Foundation
import Testing

/// dbt's global flags: taken before the command as after it, the ones that matter to Weir
/// applied (`--profile`, `--target-path`, `--quiet`, `--use-colors`, `--version-check`), the
/// others accepted without effect, so that a dbt command line runs unchanged.
@Suite struct GlobalFlagsTests {
    func weir(_ arguments: [String], in project: RunProject, environment: [String: String] = [:]) throws
        -> (status: Int32, output: String, errors: String)
    {
        try WarnErrorTests.weir(arguments, in: project, environment: environment)
    }

    @Test func flagsBeforeTheCommandAreTheCommandsFlags() throws {
        let project = try RunProject("warn_error")
        let (status, _, errors) = try weir(["--warn-error", "--no-use-colors", "ls", "-s", "orders"], in: project)
        #expect(status == 2)
        #expect(errors.contains("error[W0508]"), "\(errors)")
        // A value that is a command's name is still the flag's value; `docs generate` keeps its two words.
        let (listed, output, _) = try weir(["--target", "dev", "--log-level", "debug", "ls", "-s", "orders"], in: project)
        #expect(listed == 0)
        #expect(output.contains("warn_error.orders"), "\(output)")
        let (documented, _, docsErrors) = try weir(["--quiet", "docs", "generate", "--no-compile"], in: project)
        #expect(documented == 0, "\(docsErrors)")
    }

    @Test func flagsWithoutEffectAreAccepted() throws {
        let project = try RunProject("warn_error")
        let flags = [
            "--log-level", "debug", "--log-level-file", "none", "--log-path", "logs", "--log-format-file", "json",
            "--printer-width", "100", "--no-send-anonymous-usage-stats", "--static-parser", "--no-populate-cache",
            "--cache-selected-only", "--no-partial-parse-file-diff", "--single-threaded", "--show-all-deprecations",
            "--no-write-json", "--no-print", "--record-timing-info", "timing.prof", "--no-use-colors-file",
        ]
        let (status, output, errors) = try weir(flags + ["ls"], in: project)
        #expect(status == 0, "\(errors)")
        #expect(output.contains("warn_error.orders"))
    }

    @Test func targetPathAndProfileAreApplied() throws {
        let project = try RunProject("warn_error")
        let profiles = project.directory + "/profiles.yml"
        let text = try String(contentsOfFile: profiles, encoding: .utf8)
        try (text + text.replacingOccurrences(of: "warn_error:", with: "other:").replacingOccurrences(of: "warn_error.db", with: "other.db"))
            .write(toFile: profiles, atomically: true, encoding: .utf8)
        let (status, _, errors) = try weir(["--profile", "other", "run", "--target-path", "elsewhere"], in: project)
        #expect(status == 0, "\(errors)")
        #expect(FileManager.default.fileExists(atPath: project.directory + "/elsewhere/run_results.json"))
        #expect(FileManager.default.fileExists(atPath: project.directory + "/target/other.db"))
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/target/run_results.json"))
        let (fromEnvironment, _, _) = try weir(["ls"], in: project, environment: ["DBT_PROFILE": "missing"])
        #expect(fromEnvironment == 2)
    }

    /// `--quiet` leaves the progress and the summary out, but not a failure's report.
    @Test func quietPrintsOnlyErrors() throws {
        let project = try RunProject("warn_error")
        let (status, output, _) = try weir(["-q", "build"], in: project)
        #expect(status == 0)
        #expect(!output.contains("START") && !output.contains("Done. PASS"), "\(output)")
        let (failed, failedOutput, _) = try weir(
            ["build", "--quiet", "--warn-error-options", "{error: [LogTestResult]}"], in: project)
        #expect(failed == 1)
        #expect(!failedOutput.contains("START"), "\(failedOutput)")
        #expect(failedOutput.contains("Failure in test accepted_values_orders_order_id__False__1"), "\(failedOutput)")
    }

    @Test func colorsFollowTheFlag() throws {
        let project = try RunProject("warn_error")
        let (_, coloured, _) = try weir(["--use-colors", "run"], in: project)
        #expect(coloured.contains("\u{1B}[32m"), "\(coloured)")
        let (_, plain, _) = try weir(["run"], in: project, environment: ["DBT_USE_COLORS": "true"])
        #expect(plain.contains("\u{1B}[32m"))
        let (_, none, _) = try weir(["--no-use-colors", "run"], in: project)
        #expect(!none.contains("\u{1B}["))
    }

    /// `require-dbt-version` as dbt checks it (Weir follows dbt 1.11), unless `--no-version-check`.
    @Test func requireDbtVersionIsChecked() throws {
        let project = try RunProject("warn_error")
        let file = project.directory + "/dbt_project.yml"
        let original = try String(contentsOfFile: file, encoding: .utf8)
        try (original + "require-dbt-version: [\">=1.10.0\", \"<2.0.0\"]\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try weir(["ls"], in: project).status == 0)
        try (original + "require-dbt-version: \">=2.0.0\"\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (status, _, errors) = try weir(["ls"], in: project)
        #expect(status == 2)
        #expect(errors.contains("This version of dbt is not supported with the 'warn_error' package."), "\(errors)")
        #expect(errors.contains("Required version of dbt for 'warn_error': ['>=2.0.0']"), "\(errors)")
        #expect(try weir(["--no-version-check", "ls"], in: project).status == 0)
        #expect(try weir(["ls"], in: project, environment: ["DBT_VERSION_CHECK": "false"]).status == 0)
        try (original + "require-dbt-version: \"2.0\"\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (invalid, _, invalidErrors) = try weir(["ls"], in: project)
        #expect(invalid == 2)
        #expect(invalidErrors.contains("Invalid version string: '2.0'"), "\(invalidErrors)")
    }

    @Test func noWriteJsonWritesNoArtifacts() throws {
        let project = try RunProject("warn_error")
        let (status, _, errors) = try weir(["--no-write-json", "build"], in: project)
        #expect(status == 0, "\(errors)")
        for artifact in ["manifest.json", "run_results.json", "semantic_manifest.json"] {
            #expect(!FileManager.default.fileExists(atPath: project.directory + "/target/" + artifact), "\(artifact)")
        }
        #expect(try weir(["compile"], in: project, environment: ["DBT_WRITE_JSON": "false"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: project.directory + "/target/manifest.json"))
        #expect(try weir(["compile"], in: project).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.directory + "/target/manifest.json"))
    }

    /// `--no-print` silences `print()`, not `log(..., info=True)`, as in dbt. (The parse renders
    /// print: an unchanged file is not rendered again with partial parsing, as in dbt.)
    @Test func noPrintSilencesPrintCalls() throws {
        let project = try RunProject("warn_error")
        try "{% do print('hello from print') %}{% do log('hello from log', info=True) %}\nselect 1 as id\n"
            .write(toFile: project.directory + "/models/printing.sql", atomically: true, encoding: .utf8)
        let (quiet, quietOutput, _) = try weir(["--no-print", "ls", "-s", "printing"], in: project)
        #expect(quiet == 0)
        #expect(!quietOutput.contains("hello from print") && quietOutput.contains("hello from log"), "\(quietOutput)")
        let (loud, loudOutput, _) = try weir(["ls", "-s", "printing", "--no-partial-parse"], in: project)
        #expect(loud == 0)
        #expect(loudOutput.contains("hello from print"), "\(loudOutput)")
    }

    /// `debug --config-dir` says where profiles.yml is read from, as dbt's; `--profile` is the profile debug shows.
    @Test func debugSaysWhereProfilesAreAndWhichProfile() throws {
        let project = try RunProject("warn_error")
        let (status, output, _) = try weir(["debug", "--config-dir"], in: project)
        #expect(status == 0)
        let directory = URL(fileURLWithPath: project.directory).standardizedFileURL.path
        #expect(output == "To view your profiles.yml file, run:\n\nxdg-open \(directory)\n", "\(output)")
        let (missing, _, errors) = try weir(["--profile", "nowhere", "debug"], in: project)
        #expect(missing == 1)
        #expect(errors.contains("nowhere"), "\(errors)")
    }
}
