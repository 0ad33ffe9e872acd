import Artifacts
import Compiler
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel

extension Workspace {
    /// Writes `target/manifest.json` and `semantic_manifest.json`; with `recordingLayout`, returns where its metadata and
    /// nodes lie in it (for the compile snapshot).
    @discardableResult
    public func writeManifest(_ parsed: Parsed, recordingLayout: Bool = false) throws -> ManifestLayout? {
        var writer = manifestWriter(options: parsed.compiler.options)
        // dbt's `project_root` of a seed's package: the directory it was given, normalized.
        writer.packageRoots = parsed.compiler.packageDirectories.mapValues { directory in
            let normal = normalize(directory)
            return normal.isEmpty ? "." : normal
        }
        let path = join(targetDirectory(parsed), "manifest.json")
        var layout = ManifestLayout()
        try fileSystem.writeFile(path, streaming: { write in
            layout = try writer.write(parsed.manifest, recordingRanges: recordingLayout, to: write)
        })
        // dbt writes MetricFlow's view of the project beside every manifest.
        try fileSystem.writeFile(
            join(targetDirectory(parsed), "semantic_manifest.json"), SemanticManifestWriter().write(parsed.manifest))
        return recordingLayout ? layout : nil
    }

    /// The manifest writer of an invocation with these options, stamping the time it is made.
    func manifestWriter(options: CompileOptions) -> ManifestWriter {
        let metadata = ArtifactMetadata(
            dbtVersion: ProjectCompiler.dbtVersion, generatedAt: Date(),
            invocationID: options.invocationID, invocationStartedAt: options.runStartedAt,
            env: configuration.environment.reduce(into: [:]) { env, pair in
                if pair.key.hasPrefix("DBT_ENV_CUSTOM_ENV_") { env[String(pair.key.dropFirst(19))] = pair.value }
            })
        return ManifestWriter(metadata: metadata, runStartedAt: options.runStartedAt)
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
