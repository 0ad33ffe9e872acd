import Foundation

/// Runs `python3` (the oracle for Python's `json`, `hashlib` and `datetime`, and the host of
/// the JSON-schema validator). A missing interpreter or package is a failure, never a skip.
enum Python {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 arguments...` with `input` on stdin; returns stdout, throws on a non-zero exit.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start python3: \(error)")
        }
        // Write and read concurrently so a large input cannot deadlock on full pipes.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        if process.terminationStatus != 0 && process.terminationStatus != 1 {
            throw Failure(
                description: "python3 \(arguments.first ?? "") exited \(process.terminationStatus): "
                    + String(decoding: errors, as: UTF8.self) + text)
        }
        return (process.terminationStatus, text)
    }

    /// Runs a Python program given as text.
    static func program(_ source: String, input: [UInt8] = []) throws -> String {
        let result = try run(["-c", source], input: input)
        guard result.status == 0 else {
            throw Failure(description: "python3 program failed: \(result.output)")
        }
        return result.output
    }

    /// The repository root (this file is Tests/ArtifactsTests/Python.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// dbt's published schemas: `$WEIR_SCHEMAS_DIR`, or the copy committed beside these tests
    /// (`Schemas/`, dbt's files unchanged), so a clean clone validates on its own.
    static var schemasDirectory: URL {
        if let directory = ProcessInfo.processInfo.environment["WEIR_SCHEMAS_DIR"] {
            return URL(fileURLWithPath: directory)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")
    }

    /// Validates `artifact` against `schema` with `validate_artifact.py`; returns its report.
    static func validate(_ artifact: [UInt8], schema: String) throws -> (valid: Bool, report: String) {
        let schemaURL = schemasDirectory.appendingPathComponent(schema)
        guard FileManager.default.fileExists(atPath: schemaURL.path) else {
            throw Failure(description: "dbt's schema \(schemaURL.path) is missing (set WEIR_SCHEMAS_DIR)")
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("weir-artifact-\(UUID().uuidString).json")
        try Data(artifact).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("validate_artifact.py")
        let result = try run([script.path, schemaURL.path, file.path])
        return (result.status == 0, result.output)
    }
}
