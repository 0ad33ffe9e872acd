import Diagnostics
import ProjectLoading

extension Workspace {
    /// `weir retry`: the invocation recorded in the project's `<target-path>/run_results.json`.
    /// dbt reports a file without results (left by an invocation that had nothing to do) as no
    /// previous run, and so does Weir.
    public func previousRun() throws -> PreviousRun {
        let targetPath = try loadProjectConfig().targetPath
        let path = join(join(projectDirectory, targetPath), "run_results.json")
        guard fileSystem.fileExists(path) else { throw Diagnostic.noPreviousRun(targetPath) }
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(path)
        } catch {
            throw Diagnostic.unreadablePreviousRun(path, reason: "\(error)")
        }
        let previous = try PreviousRun(runResults: bytes, path: path)
        guard !previous.results.isEmpty else { throw Diagnostic.noPreviousRun(targetPath) }
        return previous
    }
}
