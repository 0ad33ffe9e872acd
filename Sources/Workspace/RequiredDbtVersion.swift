import Compiler
import Diagnostics
import ProjectModel

/// `require-dbt-version` checked as dbt checks it (`validate_version`), against the dbt version
/// Weir follows (`ProjectCompiler.dbtVersion`): every specifier (`>=1.3.0`, `<2.0.0`, `1.11.0`)
/// must hold. `--no-version-check` (or `DBT_VERSION_CHECK=false`) skips it, as in dbt.
struct RequiredDbtVersion {
    /// One of dbt's semver specifiers: a matcher and a full `major.minor.patch` version.
    struct Specifier {
        enum Matcher: String { case atLeast = ">=", atMost = "<=", above = ">", below = "<", exactly = "=" }
        var matcher: Matcher
        var version: [Int]

        /// dbt's `VersionSpecifier.from_version_string`: an optional matcher (none is `=`),
        /// then three numbers without leading zeros; a pre-release or build suffix is ignored.
        init?(_ text: String) {
            var rest = Substring(text.trimmingCharacters(in: .whitespaces))
            matcher = .exactly
            for candidate in [Matcher.atLeast, .atMost, .above, .below, .exactly] where rest.hasPrefix(candidate.rawValue) {
                matcher = candidate
                rest = rest.dropFirst(candidate.rawValue.count)
                break
            }
            let core = rest.prefix { $0 != "-" && $0 != "+" }
            let parts = core.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            var numbers: [Int] = []
            for part in parts {
                guard let number = Int(part), part.allSatisfy(\.isASCII), part == "0" || !part.hasPrefix("0") else { return nil }
                numbers.append(number)
            }
            version = numbers
        }

        func admits(_ installed: [Int]) -> Bool {
            switch matcher {
            case .atLeast: return !installed.lexicographicallyPrecedes(version)
            case .atMost: return !version.lexicographicallyPrecedes(installed)
            case .above: return version.lexicographicallyPrecedes(installed)
            case .below: return installed.lexicographicallyPrecedes(version)
            case .exactly: return installed == version
            }
        }

        /// How dbt writes it back (`to_version_string`): `=` written out.
        var text: String { matcher.rawValue + version.map(String.init).joined(separator: ".") }
    }

    /// Throws dbt's error when `config`'s `require-dbt-version` excludes `installed`.
    static func check(_ config: ProjectConfig, installed: String = ProjectCompiler.dbtVersion) throws {
        guard !config.requireDbtVersion.isEmpty, let current = Specifier(installed)?.version else { return }
        var specifiers: [Specifier] = []
        for text in config.requireDbtVersion {
            guard let specifier = Specifier(text) else {
                throw Diagnostic(
                    code: "W0012", message: "Invalid version string: '\(text)' in require-dbt-version of '\(config.name)'",
                    help: "write a version such as '>=1.5.0' or a list such as ['>=1.5.0', '<2.0.0']")
            }
            specifiers.append(specifier)
        }
        guard !specifiers.allSatisfy({ $0.admits(current) }) else { return }
        let required = "[" + specifiers.map { "'\($0.text)'" }.joined(separator: ", ") + "]"
        throw Diagnostic(
            code: "W0012",
            message: """
                This version of dbt is not supported with the '\(config.name)' package.
                  Installed version of dbt: =\(installed)
                  Required version of dbt for '\(config.name)': \(required)
                """,
            help: "Check for a different version of the '\(config.name)' package, or run again with --no-version-check (Weir follows dbt \(installed))")
    }
}
