import Foundation
import Testing

/// `--indirect-selection` (and `DBT_INDIRECT_SELECTION`) reach the selection of every command
/// that selects, as dbt's flag does. (What each mode selects is specified in SelectionTests.)
@Suite struct IndirectSelectionFlagTests {
    /// `weir ls -s customers` with the given extra arguments and environment: its status and the
    /// names it lists.
    private func listed(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, names: [String]) {
        let project = try RunProject("shop")
        let process = Process()
        process.executableURL = try ProcessRunTests.weir()
        process.arguments = ["ls", "-s", "customers", "--output", "name"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text.split(separator: "\n").map(String.init).filter { !$0.contains(" ") })
    }

    @Test func eagerBringsTheModelsTestsAndEmptyNone() throws {
        let eager = try listed([])
        #expect(eager.status == 0)
        #expect(eager.names.count == 4, "\(eager.names)")
        #expect(eager.names.contains("customers") && eager.names.contains { $0.hasPrefix("unique_customers") })
        #expect(try listed(["--indirect-selection", "eager"]).names == eager.names)
        #expect(try listed(["--indirect-selection", "empty"]).names == ["customers"])
    }

    @Test func theEnvironmentVariableSetsTheModeAndTheFlagWins() throws {
        #expect(try listed([], environment: ["DBT_INDIRECT_SELECTION": "empty"]).names == ["customers"])
        #expect(try listed(["--indirect-selection", "cautious"], environment: ["DBT_INDIRECT_SELECTION": "empty"]).names.count == 4)
        #expect(try listed([], environment: ["DBT_INDIRECT_SELECTION": "lazy"]).status == 2)
        #expect(try listed(["--indirect-selection", "lazy"]).status == 2)
    }
}
