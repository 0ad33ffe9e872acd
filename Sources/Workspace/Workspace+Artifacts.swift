import Artifacts
import Compiler
import Diagnostics
import Foundation
import ProjectLoading
import ProjectModel

extension Workspace {
    /// Writes `target/manifest.json`.
    public func writeManifest(_ parsed: Parsed, generatedAt: Date = Date()) throws {
        let metadata = ArtifactMetadata(
            dbtVersion: ProjectCompiler.dbtVersion, generatedAt: generatedAt,
            invocationID: parsed.compiler.options.invocationID,
            invocationStartedAt: parsed.compiler.options.runStartedAt,
            env: configuration.environment.reduce(into: [:]) { env, pair in
                if pair.key.hasPrefix("DBT_ENV_CUSTOM_ENV_") { env[String(pair.key.dropFirst(19))] = pair.value }
            })
        let writer = ManifestWriter(metadata: metadata, runStartedAt: parsed.compiler.options.runStartedAt)
        let bytes = writer.serializedBytes(for: parsed.manifest)
        try fileSystem.writeFile(join(targetDirectory(parsed), "manifest.json"), bytes)
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
