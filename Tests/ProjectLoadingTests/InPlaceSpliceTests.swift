import Foundation
import Testing

@testable import ProjectLoading

/// Replacing ranges of a file in place, through a buffer of a few bytes, gives what splicing the
/// whole file in memory gives: whether the replacements grow the file, shrink it, or both.
@Suite struct InPlaceSpliceTests {
    /// The file as `InPlaceSplice` leaves it, over an array standing for the file.
    private func spliced(_ original: [UInt8], _ replacements: [(range: Range<Int>, bytes: [UInt8])], chunkSize: Int) throws -> [UInt8] {
        var file = original
        let splice = InPlaceSplice(
            read: { range in
                #expect(range.upperBound <= original.count)
                return Array(file[range])
            },
            write: { bytes, offset in
                if file.count < offset + bytes.count { file += Array(repeating: 0, count: offset + bytes.count - file.count) }
                file.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            },
            chunkSize: chunkSize)
        let size = try splice.run(size: original.count, replacements)
        return Array(file.prefix(size))
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func agreesWithSplicingInMemory(chunkSize: Int) throws {
        let original = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        let cases: [[(range: Range<Int>, bytes: [UInt8])]] = [
            [(3..<4, Array("grown by many bytes".utf8))],
            [(3..<20, Array("-".utf8))],
            [(0..<1, []), (10..<12, Array("++++++++".utf8)), (40..<50, Array("x".utf8))],
            [(5..<6, Array("shrinks".utf8)), (8..<30, []), (31..<32, Array("grows again by a lot".utf8))],
            [(0..<62, Array("all of it".utf8))],
            [(61..<62, Array("at the end".utf8))],
            [(20..<20, Array("inserted".utf8))],
        ]
        for replacements in cases {
            #expect(try spliced(original, replacements, chunkSize: chunkSize) == splicing(original, replacements))
        }
    }

    @Test func aFileOnDiskIsPatchedInPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weir-splice-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fileSystem = LocalFileSystem()
        let path = directory + "/manifest.json"
        // Larger than one chunk, so that the tail moves a chunk at a time.
        let original = (0..<300_000).flatMap { Array("node \($0);".utf8) }
        try fileSystem.writeFile(path, original)
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int

        let grown: [(range: Range<Int>, bytes: [UInt8])] = [(0..<4, Array("NODE".utf8)), (100..<110, Array("a longer entry".utf8))]
        try fileSystem.replaceRanges(of: path, grown)
        #expect(try fileSystem.readFile(path) == splicing(original, grown))

        let current = try fileSystem.readFile(path)
        let shrunk: [(range: Range<Int>, bytes: [UInt8])] = [(50..<5_000, Array("short".utf8)), (current.count - 3..<current.count, [])]
        try fileSystem.replaceRanges(of: path, shrunk)
        #expect(try fileSystem.readFile(path) == splicing(current, shrunk))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == inode)
    }
}
