import Artifacts
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel
import SQLDialect

extension Workspace {
    /// `--state <dir>`: compares the project's enforced contracts with those of the previous
    /// project's `<dir>/manifest.json` (relative to the project directory, as dbt reads it).
    /// Returns the warnings for unversioned models; throws for a versioned one. dbt makes this
    /// comparison while it evaluates a `state:modified` selector; Weir whenever `--state` is given.
    func checkContractsAgainstState(_ manifest: Manifest, adapterType: String) throws -> [Diagnostic] {
        guard let state = configuration.statePath else { return [] }
        let path = join(join(projectDirectory, state), "manifest.json")
        guard fileSystem.fileExists(path) else { return [Self.noPreviousManifest(state)] }
        let previous: JSONValue
        do {
            previous = try JSONValue(parsing: try fileSystem.readFile(path))
        } catch {
            throw Diagnostic(
                code: "W1818", message: "could not read the previous manifest \(path): \(error)",
                help: "point --state at the target directory of an earlier dbt or weir invocation")
        }
        let records = (previous["nodes"]?.objectValue ?? JSONObject()).compactMap {
            ContractRecord(json: $0.value)
        }
        let dialect = SQLDialect.named(adapterType) ?? .postgres
        return try ContractChanges.check(manifest, previous: records, dialect: dialect)
    }

    /// W1818 (warning): dbt compares nothing then, silently.
    static func noPreviousManifest(_ state: String) -> Diagnostic {
        Diagnostic(
            .warning, code: "W1818",
            message: "no manifest.json in the --state directory '\(state)', so no contract is compared",
            help: "point --state at the target directory of an earlier dbt or weir invocation")
    }
}
