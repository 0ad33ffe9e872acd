import Artifacts
import Compiler
import Execution
import Foundation
import ProjectLoading
import ProjectModel

extension Workspace {
    /// After a run: `target/run_results.json`, the executed SQL of each node under
    /// `target/run/<package>/<path>`, and the manifest with the compiled code.
    func writeRunArtifacts(_ outcome: RunOutcome, request: RunRequest, parsed: Parsed) throws {
        var files: [(path: String, text: String)] = []
        var written: Set<String> = []
        for result in outcome.results {
            if let test = parsed.manifest.unitTests[result.uniqueID], let sql = result.compiledCode {
                // dbt writes a unit test under its properties file's path, as if it were a directory.
                let path = [test.packageName, normalize(test.originalFilePath), "models", test.versionedName + ".sql"]
                    .reduce(join(targetDirectory(parsed), "compiled"), join)
                files.append((path, sql))
                continue
            }
            guard let node = parsed.manifest.nodes[result.uniqueID] else { continue }
            if !result.executedSQL.isEmpty {
                let text = result.executedSQL.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) + ";" }
                    .joined(separator: "\n\n") + "\n"
                files.append((nodeFilePath(node, in: "run", parsed), text))
            }
            if let sql = node.compiledCode { files.append((nodeFilePath(node, in: "compiled", parsed), sql)) }
            // The ephemeral models it took in were compiled too, and dbt writes them.
            for cte in node.extraCTEs where !written.contains(cte.id) {
                written.insert(cte.id)
                if let ephemeral = parsed.manifest.nodes[cte.id], let sql = ephemeral.compiledCode {
                    files.append((nodeFilePath(ephemeral, in: "compiled", parsed), sql))
                }
            }
        }
        // dbt's run compiles every selected node, ephemeral models included, though these never
        // run: their compiled SQL is written whether or not a model took them in.
        let ephemeral = try selectedEphemeralModels(request, in: parsed).filter { !written.contains($0) }
        for id in ephemeral where parsed.manifest.nodes[id]?.compiledCode == nil {
            try? parsed.compiler.compile([id])  // one that fails to compile has no file, as in dbt
        }
        for id in ephemeral {
            if let node = parsed.manifest.nodes[id], let sql = node.compiledCode {
                files.append((nodeFilePath(node, in: "compiled", parsed), sql))
            }
        }
        try writeFiles(files)
        var args = JSONObject()
        args["which"] = .string(request.command.rawValue)
        args["select"] = .strings(request.selection.select)
        args["exclude"] = .strings(request.selection.exclude)
        args["selector"] = .string(request.selection.selector)
        args["indirect_selection"] = .string(request.selection.indirectSelection.rawValue)
        args["full_refresh"] = .bool(configuration.fullRefresh)
        if [.run, .build, .snapshot].contains(request.command) { args["empty"] = .bool(configuration.empty) }
        args["fail_fast"] = .bool(request.failFast)
        args["threads"] = .int(parsed.target.threads)
        args["target"] = .string(parsed.target.name)
        args["project_dir"] = .string(projectDirectory)
        // As dbt: `vars` always (`{}` without --vars), the event times only when given. `weir
        // retry` replays them.
        args["vars"] = .object(configuration.cliVars.json)
        if parsed.warningPolicy.warnError { args["warn_error"] = .bool(true) }
        args["warn_error_options"] = Self.warnErrorOptions(parsed.warningPolicy)
        if let state = configuration.statePath { args["state"] = .string(state) }
        if let state = configuration.deferStatePath { args["defer_state"] = .string(state) }
        if let start = request.eventTimeStart { args["event_time_start"] = .string(RunResultsWriter.argsTimestamp(start)) }
        if let end = request.eventTimeEnd { args["event_time_end"] = .string(RunResultsWriter.argsTimestamp(end)) }
        try writeRunResults(outcome.results, elapsed: outcome.elapsed, args: args, parsed: parsed)
        try writeManifest(parsed)
    }

    /// `args.warn_error_options` as dbt records it: `{"error": [...] or "all", "warn": [...], "silence": [...]}`.
    static func warnErrorOptions(_ policy: WarningPolicy) -> JSONValue {
        [
            "error": policy.errorAll ? "all" : .strings(policy.error), "warn": .strings(policy.warn),
            "silence": .strings(policy.silence),
        ]
    }

    /// `target/run_results.json`, with the invocation's `args` as dbt records them.
    func writeRunResults(_ results: [NodeResult], elapsed: TimeInterval, args: JSONObject, parsed: Parsed) throws {
        guard configuration.writeJSON else { return }
        let metadata = ArtifactMetadata(
            dbtVersion: ProjectCompiler.dbtVersion, generatedAt: Date(), invocationID: parsed.compiler.options.invocationID,
            invocationStartedAt: parsed.compiler.options.runStartedAt, env: customEnvironment())
        let bytes = RunResultsWriter(metadata: metadata, args: args).document(results: results, elapsed: elapsed).serializedBytes()
        try fileSystem.writeFile(join(targetDirectory(parsed), "run_results.json"), bytes)
    }

    /// The enabled ephemeral models a command's selection names (none for a rerun of given nodes).
    func selectedEphemeralModels(_ request: RunRequest, in parsed: Parsed) throws -> [String] {
        guard request.uniqueIDs == nil else { return [] }
        var selection = request.selection
        selection.resourceTypes = Self.resourceTypes(for: request.command)
        return try select(selection, in: parsed).filter { id in
            guard let node = parsed.manifest.nodes[id] else { return false }
            return node.isEnabled && node.isEphemeral
        }.sorted()
    }
}
