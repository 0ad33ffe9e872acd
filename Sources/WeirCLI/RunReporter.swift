import Diagnostics
import Execution
import Foundation
import ProjectModel
import Warehouse

/// Prints a run as dbt does (`12 of 40 OK created sql table model main.dim_users ... [SELECT 1200
/// in 0.04s]`), in colour on a terminal, or as JSON lines with `--log-format json`.
final class RunReporter: @unchecked Sendable {
    enum Format: String {
        case text, json
    }

    /// Replaced by `update(manifest:)` once the nodes to run are final.
    private(set) var manifest: Manifest
    let format: Format
    let debug: Bool
    /// `weir clone`: a success reads `OK cloned ...`, with `No-op` where nothing was needed.
    var cloning = false
    let colour: Bool
    let lock = NSLock()
    /// The live progress line (done/total, what is running, elapsed) on a terminal's stderr.
    private var timer: (any DispatchSourceTimer)?
    var running: [String] = []
    var done = 0
    var total = 0
    private var progressShown = false
    private let started = Date()

    init(manifest: Manifest, format: Format, debug: Bool) {
        self.manifest = manifest
        self.format = format
        self.debug = debug
        colour = format == .text
            && (Output.colours ?? (isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
        if format == .text && isatty(STDERR_FILENO) == 1 && !Output.quiet {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 2, repeating: 1)
            timer.setEventHandler { [weak self] in self?.showProgress() }
            timer.resume()
            self.timer = timer
        }
    }

    /// Takes the manifest the nodes to run are final in (the column vocabulary may add tests),
    /// under the lock the progress line reads it with.
    func update(manifest: Manifest) {
        lock.lock()
        self.manifest = manifest
        lock.unlock()
    }

    func stopProgress() {
        timer?.cancel()
        timer = nil
        lock.lock()
        clearProgress()
        lock.unlock()
    }

    private func showProgress() {
        lock.lock()
        defer { lock.unlock() }
        guard total > 0 else { return }
        let names = running.prefix(3).map { name(of: $0) }.joined(separator: ", ")
        let seconds = Int(Date().timeIntervalSince(started))
        let text = "  [\(done)/\(total) done, \(running.count) running\(names.isEmpty ? "" : ": " + names)] \(seconds / 60)m\(String(format: "%02d", seconds % 60))s"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        progressShown = true
    }

    func clearProgress() {
        guard progressShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        progressShown = false
    }

    func handle(_ event: ExecutionEvent) {
        lock.lock()
        defer { lock.unlock() }
        clearProgress()
        switch event {
        case .started(let id, _, let count):
            running.append(id)
            total = count
        case .finished(let result, _, let count), .skipped(let result, _, _, let count):
            running.removeAll { $0 == result.uniqueID }
            done += 1
            total = count
        case .statement: break
        }
        switch event {
        case .started(let id, let index, let total):
            emit("\(index) of \(total) START \(describe(id))", status: "RUN", level: "info", id: id, event: "NodeStart")
        case .finished(let result, let index, let total):
            let (message, status, tint) = outcome(result)
            emit(
                "\(index) of \(total) \(message)", status: status, tint: tint, level: result.status.isFailure ? "error" : "info",
                id: result.uniqueID, event: "NodeFinished", result: result)
            if result.status == .error || result.status == .partialSuccess, let error = result.error {
                detail(error, id: result.uniqueID, compiled: result.compiledCode)
            }
        case .skipped(let result, let cause, let index, let total):
            let reason = cause.map { name(of: $0) }.map { " (\($0) did not succeed)" } ?? ""
            emit(
                "\(index) of \(total) SKIP \(describe(result.uniqueID))\(reason)", status: "SKIP", tint: "33", level: "warn",
                id: result.uniqueID, event: "NodeSkipped", result: result)
            if let failure = result.error as? EphemeralFailure {
                detail(failure.underlying, id: failure.ephemeralID, compiled: nil)
            }
        case .statement(let id, let sql):
            statement(sql, id: id)
        }
    }

    /// A statement sent to the warehouse, shown with `--debug`.
    func statement(_ sql: String, id: String) {
        guard debug else { return }
        if format == .json {
            line(json(["event": "SQLQuery", "unique_id": id, "sql": sql, "level": "debug"]))
        } else {
            line(timestamp() + "  On \(id): \(sql)")
        }
    }

    /// A node's name in the log, a unit test's as dbt gives it (`<model>::<test>`).
    func name(of id: String) -> String {
        if let node = manifest.nodes[id] { return node.name }
        if let test = manifest.unitTests[id] { return "\(test.model)::\(test.versionedName)" }
        if let source = manifest.sources[id] { return "\(source.sourceName).\(source.name)" }
        return id
    }

    /// `schema.alias`, as dbt's log lines name a node's relation.
    func relation(of id: String) -> String {
        guard let node = manifest.nodes[id] else { return id }
        return "\(node.schema).\(node.alias.isEmpty ? node.name : node.alias)"
    }

    func describe(_ id: String) -> String {
        if manifest.unitTests[id] != nil { return "unit_test \(name(of: id))" }
        if let source = manifest.sources[id] { return "source \(source.name)" }
        guard let node = manifest.nodes[id] else { return id }
        let relation = relation(of: id)
        switch node.resourceType {
        case .seed: return "seed file \(relation)"
        case .snapshot: return "snapshot \(relation)"
        case .test: return "test \(node.name)"
        case .operation:
            // dbt's `<package>.on-run-start.<index>`, where the node is named `<package>-on-run-start-<index>`.
            let kind = node.name.contains("-on-run-end-") ? "on-run-end" : "on-run-start"
            return "hook: \(node.packageName).\(kind).\(node.hookIndex ?? 0)"
        default: return "sql \(node.materialized) model \(relation)"
        }
    }

    /// The line's message, the bracketed status and its colour, as dbt words them.
    func outcome(_ result: NodeResult) -> (String, String, String) {
        let id = result.uniqueID
        let seconds = String(format: "%.2fs", result.executionTime)
        let response = result.responseMessage ?? "OK"
        let kind = manifest.nodes[id]?.resourceType
        switch result.status {
        case .success where cloning:
            return ("OK cloned \(describe(id))", "\(result.responseMessage ?? result.message ?? "OK") in \(seconds)", "32")
        case .success:
            let verb = kind == .seed ? "loaded" : kind == .operation ? "hook" : "created"
            let text =
                kind == .operation
                ? "OK \(describe(id))" : kind == .snapshot ? "OK snapshotted \(relation(of: id))" : "OK \(verb) \(describe(id))"
            return (text, "\(response) in \(seconds)", "32")
        case .pass: return ("PASS \(name(of: id))", "PASS in \(seconds)", "32")
        case .warn:
            return ("WARN \(result.failures ?? 0) \(name(of: id))", "WARN \(result.failures ?? 0) in \(seconds)", "33")
        case .fail:
            return ("FAIL \(result.failures ?? 0) \(name(of: id))", "FAIL \(result.failures ?? 0) in \(seconds)", "31")
        case .error:
            let verb =
                kind == .test || manifest.unitTests[id] != nil
                ? "ERROR" : kind == .seed ? "ERROR loading" : kind == .snapshot ? "ERROR snapshotting" : "ERROR creating"
            return ("\(verb) \(kind == .snapshot ? relation(of: id) : describe(id))", "ERROR in \(seconds)", "31")
        case .partialSuccess:
            let batches = result.batchResults ?? BatchResults()
            let done = "\(batches.successful.count)/\(batches.successful.count + batches.failed.count)"
            return ("PARTIAL SUCCESS (\(done)) \(describe(id))", "PARTIAL SUCCESS in \(seconds)", "33")
        case .skipped: return ("SKIP \(describe(id))", "SKIP", "33")
        case .noOp: return ("NO-OP \(describe(id))", "NO-OP in \(seconds)", "32")
        }
    }

    /// A failed node's error: the warehouse's message with SQLSTATE, and where in the compiled
    /// file the server points; a diagnostic as its caret snippet.
    func detail(_ error: any Error, id: String, compiled: String?) {
        var text: String
        if let diagnostic = error as? Diagnostic {
            text = DiagnosticRenderer().render(diagnostic)
        } else if let error = error as? WarehouseError {
            text = "Database Error in \(describe(id))"
            if let file = manifest.nodes[id]?.originalFilePath ?? manifest.sources[id]?.originalFilePath { text += " (\(file))" }
            text += "\n  " + error.description.replacingOccurrences(of: "\n", with: "\n  ")
            if let place = compiledPlace(of: error, id: id, compiled: compiled) {
                text += "\n  at \(place)"
            } else if let (line, column) = error.lineAndColumn {
                text += "\n  at line \(line), column \(column) of the statement"
            }
            if let (line, column) = error.lineAndColumn, let statement = error.statement {
                let lines = statement.split(separator: "\n", omittingEmptySubsequences: false)
                if line - 1 < lines.count {
                    text += ":\n    " + lines[line - 1] + "\n    " + String(repeating: " ", count: max(0, column - 1)) + "^"
                }
            }
        } else {
            text = String(describing: error)
        }
        if format == .json {
            line(json(["event": "NodeError", "unique_id": id, "message": text, "level": "error"]), error: true)
        } else {
            FileHandle.standardError.write(Data((paint(text, "31") + "\n").utf8))
        }
    }

    /// Where a warehouse error falls in the node's compiled file, when the failing statement
    /// embeds the compiled SQL (it does for every materialization's main statement).
    func compiledPlace(of error: WarehouseError, id: String, compiled: String?) -> String? {
        guard let node = manifest.nodes[id], let compiled, !compiled.isEmpty,
            let statement = error.statement, let (line, column) = error.lineAndColumn,
            let range = statement.range(of: compiled)
        else { return nil }
        let linesBefore = statement[..<range.lowerBound].filter { $0 == "\n" }.count
        let compiledLines = compiled.filter { $0 == "\n" }.count + 1
        let compiledLine = line - linesBefore
        guard compiledLine >= 1, compiledLine <= compiledLines else { return nil }
        return "target/compiled/\(node.packageName)/\(node.originalFilePath):\(compiledLine):\(column)"
    }

    func emit(
        _ message: String, status: String, tint: String = "0", level: String, id: String, event: String, result: NodeResult? = nil
    ) {
        if format == .json {
            var fields: [String: Any] = ["event": event, "unique_id": id, "message": message, "status": status, "level": level]
            if let result {
                fields["node_status"] = result.status.rawValue
                fields["execution_time"] = result.executionTime
                fields["thread"] = result.threadID
            }
            line(json(fields))
            return
        }
        // dbt pads every message to the same width so the brackets line up.
        let dots = String(repeating: ".", count: max(3, 72 - message.count))
        line(timestamp() + "  " + message + " " + dots + " [" + paint(status, tint) + "]")
    }

    /// dbt's NothingToDo (Q035), printed instead of a summary when nothing was selected (unless
    /// `warn_error_options` silences it), then the line of counts that dbt still prints.
    func nothingToDo(silenced: Bool) {
        stopProgress()
        lock.lock()
        defer { lock.unlock() }
        let message = Diagnostic.nothingToDo.message
        if format == .json {
            if !silenced { line(json(["event": "NothingToDo", "message": message, "level": "warn"])) }
        } else {
            if !silenced { line(timestamp() + "  " + message) }
            line(timestamp() + "  Done. PASS=0 WARN=0 ERROR=0 SKIP=0 TOTAL=0")
        }
    }

    func summary(_ results: [NodeResult], elapsed: TimeInterval, cancelled: Bool) {
        stopProgress()
        lock.lock()
        defer { lock.unlock() }
        let count = { (statuses: Set<NodeStatus>) in results.filter { statuses.contains($0.status) }.count }
        let pass = count([.success, .pass, .noOp])
        let warn = count([.warn])
        // A partial success counts as an error, as dbt counts it (exit status 1, `weir retry`).
        let error = count([.error, .fail, .partialSuccess])
        let skip = count([.skipped])
        // dbt lists a node skipped for an upstream ephemeral model's failure among the errors.
        let listed = results.filter {
            [.error, .fail, .partialSuccess].contains($0.status) || ($0.status == .skipped && $0.error is EphemeralFailure)
        }
        if format == .json {
            line(json([
                "event": "RunSummary", "pass": pass, "warn": warn, "error": error, "skip": skip, "total": results.count,
                "elapsed": elapsed, "cancelled": cancelled, "level": "info",
            ]))
            return
        }
        line("")
        line(timestamp() + "  Finished running \(results.count) nodes in \(String(format: "%.2f", elapsed))s.")
        let slowest = results.filter { $0.status != .skipped }.sorted { $0.executionTime > $1.executionTime }.prefix(3)
        if results.count > 3, !slowest.isEmpty {
            line(timestamp() + "  Slowest: " + slowest.map { "\(name(of: $0.uniqueID)) (\(String(format: "%.2fs", $0.executionTime)))" }.joined(separator: ", "))
        }
        if cancelled {
            line(timestamp() + "  " + paint("Cancelled: nothing half-built was left behind", "31"), error: true)
        } else if !listed.isEmpty || warn > 0 {
            // As dbt: the errors, then the warnings (a test's verdict, its message).
            let heading = listed.isEmpty
                ? paint("Completed with \(warn) warning\(warn == 1 ? "" : "s"):", "33")
                : paint("Completed with \(listed.count) error\(listed.count == 1 ? "" : "s") and \(warn) warning\(warn == 1 ? "" : "s"):", "31")
            line(timestamp() + "  " + heading, error: !listed.isEmpty)
            let warned = Output.quiet ? [] : results.filter { $0.status == .warn }
            for result in listed + warned {
                let kind = result.status == .warn ? "Warning" : result.status == .fail ? "Failure" : result.status == .partialSuccess ? "Partial success" : "Error"
                if manifest.unitTests[result.uniqueID] != nil, result.status == .fail, let diff = result.message {
                    // The whole difference, as dbt prints it.
                    line(timestamp() + "    \(kind) in \(describe(result.uniqueID))", error: true)
                    line(diff.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines), error: true)
                    continue
                }
                line(
                    timestamp() + "    \(kind) in \(describe(result.uniqueID))"
                        + (result.message.flatMap { $0.split(separator: "\n").first }.map { ": " + $0 } ?? ""),
                    error: result.status != .warn)
                // A test that kept its failing rows says where, as dbt's "See test failures".
                if result.status != .error, result.uniqueID.hasPrefix("test."), let relation = result.relationName {
                    line(timestamp() + "      see the failing rows: select * from \(relation)", error: result.status != .warn)
                }
            }
        } else {
            line(timestamp() + "  " + paint("Completed successfully", "32"))
        }
        line(timestamp() + "  Done. PASS=\(pass) WARN=\(warn) ERROR=\(error) SKIP=\(skip) TOTAL=\(results.count)")
    }

    func paint(_ text: String, _ tint: String) -> String { colour ? "\u{1B}[\(tint)m\(text)\u{1B}[0m" : text }

    /// Made once: every printed line is stamped (callers hold `lock`, formatters are not thread-safe).
    private let clockFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter
    }()
    private let isoFormatter = ISO8601DateFormatter()

    func timestamp() -> String { clockFormatter.string(from: Date()) }

    func json(_ fields: [String: Any]) -> String {
        var fields = fields
        fields["ts"] = isoFormatter.string(from: Date())
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A line on stdout; with `--quiet`, errors only.
    func line(_ text: String, error: Bool = false) {
        if error || !Output.quiet { Output.line(text) }
    }
}
