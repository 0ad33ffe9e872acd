import Foundation
import Testing

/// The `weir` executable ends as dbt does: 0 when all went well (help included), 2 when the
/// invocation itself stopped (here a usage error, and an artifact that cannot be written).
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
}
