import Foundation
import Testing

/// The `weir` executable ends as dbt does: 0 when all went well (help included), 1 when what
/// ran failed, 2 when the invocation itself stopped (a usage error, an artifact that cannot be
/// written, an operation no macro answers).
@Suite struct ExitStatusTests {
    /// Runs `weir arguments...` in `directory`; its exit status and what it printed on stderr.
    private func weir(_ arguments: [String], in directory: String) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = try ProcessRunTests.weir()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func helpEndsWell() throws {
        let project = try RunProject("shop")
        #expect(try weir(["compile", "--help"], in: project.directory).status == 0)
    }

    @Test func aUsageErrorStopsTheInvocation() throws {
        let project = try RunProject("shop")
        let (status, errors) = try weir(["compile", "--no-such-option"], in: project.directory)
        #expect(status == 2)
        #expect(errors.contains("--no-such-option"), "\(errors)")
    }

    @Test func anArtifactThatCannotBeWrittenStopsTheInvocation() throws {
        let project = try RunProject("shop")
        // A directory where the manifest goes.
        try FileManager.default.createDirectory(atPath: project.directory + "/target/manifest.json", withIntermediateDirectories: true)
        let (status, errors) = try weir(["compile"], in: project.directory)
        #expect(status == 2)
        #expect(errors.contains("target/manifest.json"), "\(errors)")
    }

    /// `run-operation`: 0 when the macro ran, 1 when it failed (its error on stderr, pointing at
    /// the macro's line), 2 for arguments that are not a mapping or a macro that does not exist.
    @Test func anOperationEndsAsDbtsDoes() throws {
        let project = try RunProject("operations")
        let directory = project.directory
        #expect(try weir(["run-operation", "create_audit"], in: directory).status == 0)
        #expect(try weir(["run-operation", "record", "--args", "{step: 1}"], in: directory).status == 0)
        let (failed, failure) = try weir(["run-operation", "record_then_fail", "--args", "{step: 2}"], in: directory)
        #expect(failed == 1)
        #expect(failure.contains("step 2 failed on purpose") && failure.contains("macros/operations.sql:"), "\(failure)")
        let (badArgs, argsError) = try weir(["run-operation", "record", "--args", "[1, 2]"], in: directory)
        #expect(badArgs == 2)
        #expect(argsError.contains("--args must be a mapping"), "\(argsError)")
        let (unknown, unknownError) = try weir(["run-operation", "recrod"], in: directory)
        #expect(unknown == 2)
        #expect(unknownError.contains("did you mean 'record'?"), "\(unknownError)")
    }

    /// `weir retry` after a `run-operation` runs the macro again, with its arguments, only when it
    /// failed (as dbt's retry does), and ends as the operation does.
    @Test func aFailedOperationIsRetriedAndASuccessfulOneIsNot() throws {
        let project = try RunProject("operations")
        let directory = project.directory
        #expect(try weir(["run-operation", "create_audit"], in: directory).status == 0)
        #expect(try weir(["run-operation", "record_then_fail", "--args", "{step: 7}"], in: directory).status == 1)
        let (status, errors) = try weir(["retry"], in: directory)
        #expect(status == 1)
        #expect(errors.contains("step 7 failed on purpose"), "\(errors)")
        #expect(try weir(["run-operation", "record", "--args", "{step: 8}"], in: directory).status == 0)
        #expect(try weir(["retry"], in: directory).status == 0)
        let connection = try project.sqlite("operations.db")
        defer { connection.close() }
        #expect(try rows(connection, "select step from main.audit order by step") == [["7"], ["7"], ["8"]])
    }
}
