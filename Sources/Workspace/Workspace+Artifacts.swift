import Artifacts
import Compiler
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel

extension Workspace {
    /// Writes `target/manifest.json` and `semantic_manifest.json`; with `recordingLayout`,
    /// returns where the manifest's metadata and nodes lie in it (for the compile snapshot).
    @discardableResult
    public func writeManifest(_ parsed: Parsed, recordingLayout: Bool = false) throws -> ManifestLayout? {
        guard configuration.writeJSON else { return nil }
        let writer = manifestWriter(for: parsed.compiler)
        let path = join(targetDirectory(parsed), "manifest.json")
        var layout = ManifestLayout()
        try fileSystem.writeFile(path, streaming: { write in
            layout = try writer.write(parsed.manifest, recordingRanges: recordingLayout, to: write)
        })
        try writeSemanticManifest(parsed)
        return recordingLayout ? layout : nil
    }

    /// `target/semantic_manifest.json`: MetricFlow's view of the project, which dbt writes beside
    /// every manifest.
    func writeSemanticManifest(_ parsed: Parsed) throws {
        try fileSystem.writeFile(
            join(targetDirectory(parsed), Self.semanticManifestFileName), SemanticManifestWriter().write(parsed.manifest))
    }

    static let semanticManifestFileName = "semantic_manifest.json"

    /// The manifest writer of an invocation of this compiler, stamping the time it is made.
    func manifestWriter(for compiler: ProjectCompiler) -> ManifestWriter {
        let options = compiler.options
        let metadata = ArtifactMetadata(
            dbtVersion: ProjectCompiler.dbtVersion, generatedAt: Date(),
            invocationID: options.invocationID, invocationStartedAt: options.runStartedAt, env: customEnvironment())
        // A seed's `root_path` is dbt's `project_root` of its package: the directory as given, normalized.
        let roots = compiler.packageDirectories.mapValues { directory in
            let normal = normalize(directory)
            return normal.isEmpty ? "." : normal
        }
        return ManifestWriter(metadata: metadata, runStartedAt: options.runStartedAt, packageRoots: roots)
    }

    /// dbt's artifacts carry the `DBT_ENV_CUSTOM_ENV_*` variables, without the prefix.
    func customEnvironment() -> [String: String] {
        let prefix = "DBT_ENV_CUSTOM_ENV_"
        return configuration.environment.reduce(into: [:]) { env, pair in
            if pair.key.hasPrefix(prefix) { env[String(pair.key.dropFirst(prefix.count))] = pair.value }
        }
    }

    public func targetDirectory(_ parsed: Parsed) -> String {
        join(projectDirectory, parsed.rootConfig.targetPath)
    }

    /// `weir clean`: removes the project's `clean-targets` (never anything outside the project).
    public func clean() throws -> [String] {
        let config = try loadProjectConfig()
        var removed: [String] = []
        for target in config.cleanTargets {
            let normalized = normalize(target)
            guard !normalized.isEmpty, !normalized.hasPrefix("/"), !normalized.hasPrefix("..") else {
                throw Diagnostic(
                    code: "W0901", message: "refusing to clean '\(target)': clean-targets must be inside the project",
                    help: "list only directories inside the project in clean-targets")
            }
            let path = join(projectDirectory, normalized)
            if fileSystem.directoryExists(path) || fileSystem.fileExists(path) {
                try fileSystem.removeItem(path)
                removed.append(normalized)
            }
        }
        return removed
    }
}
