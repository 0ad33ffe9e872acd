import Foundation
import Testing

@testable import ProjectLoading

@Suite struct LocalFileSystemTests {
    /// The inode number, which a write-beside-and-rename replaces.
    private func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test func writingTheSameBytesLeavesTheFileAloneAndOtherBytesReplaceIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-fs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fileSystem = LocalFileSystem()
        let path = directory + "/nested/run.sql"
        try fileSystem.writeFile(path, Array("select 1".utf8))
        let first = try inode(path)

        try fileSystem.writeFile(path, Array("select 1".utf8))
        #expect(try inode(path) == first, "identical content is not rewritten")

        try fileSystem.writeFile(path, Array("select 2".utf8))
        #expect(try inode(path) != first)
        #expect(try fileSystem.readFile(path) == Array("select 2".utf8))
        try fileSystem.writeFile(path, Array("select 22".utf8))
        #expect(try fileSystem.readFile(path) == Array("select 22".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/nested") == ["run.sql"])
    }

    @Test func aStreamedFileHoldsThePiecesInOrderAndReplacesAnOldOneWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-fs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fileSystem = LocalFileSystem()
        let path = directory + "/target/manifest.json"
        try fileSystem.writeFile(path, streaming: { write in
            for piece in ["{", "\"nodes\": ", "{}", "}"] { try write(Array(piece.utf8)) }
        })
        #expect(try fileSystem.readFile(path) == Array(#"{"nodes": {}}"#.utf8))
        let first = try inode(path)

        try fileSystem.writeFile(path, streaming: { write in try write(Array("{}".utf8)) })
        #expect(try fileSystem.readFile(path) == Array("{}".utf8))
        #expect(try inode(path) != first, "an existing file is written beside and moved into place")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/target") == ["manifest.json"])
    }
}
