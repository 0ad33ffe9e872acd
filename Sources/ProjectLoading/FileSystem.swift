#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import ProjectModel

/// Where a project's files come from: the disk, or memory in tests. Paths are `/`-separated;
/// relative paths are relative to the current directory.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws -> [UInt8]
    /// The bytes of `range` of a file (fewer if the file ends first).
    func readFile(_ path: String, range: Range<Int>) throws -> [UInt8]
    func fileExists(_ path: String) -> Bool
    /// The size of a file in bytes, when the file system can tell it without reading the file.
    func fileSize(_ path: String) -> Int?
    func directoryExists(_ path: String) -> Bool
    /// Every regular file below `directory` (following symbolic links, as dbt's packages are
    /// often links), as paths relative to it, sorted.
    func filesRecursively(under directory: String) -> [String]
    /// The names of the entries directly in `directory`, sorted.
    func entries(of directory: String) -> [String]
    func writeFile(_ path: String, _ bytes: [UInt8]) throws
    /// Writes the segments one after the other as one file: a large artifact serialized in
    /// parallel pieces is written without joining them first (which would copy it once more).
    func writeFile(_ path: String, segments: [[UInt8]]) throws
    /// Writes the pieces `produce` hands its argument, one after the other, as one file: an
    /// artifact too large to hold whole is written as it is serialized. (`produce` may call it
    /// from any thread, one call at a time.)
    func writeFile(_ path: String, streaming produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws
    /// Writes text as UTF-8 (a file system that can, from the string's own bytes).
    func writeFile(_ path: String, text: String) throws
    func createDirectory(_ path: String) throws
    func removeItem(_ path: String) throws
    /// What identifies a file's current version without reading it, or nil when the file system
    /// cannot tell (then nothing is taken as unchanged).
    func stamp(_ path: String) -> FileStamp?
    /// Replaces the given byte ranges of an existing file (sorted, not overlapping) by new bytes.
    func replaceRanges(of path: String, _ replacements: [(range: Range<Int>, bytes: [UInt8])]) throws
}

extension FileSystem {
    public func stamp(_ path: String) -> FileStamp? { nil }

    public func writeFile(_ path: String, segments: [[UInt8]]) throws {
        try writeFile(path, Array(segments.joined()))
    }

    public func writeFile(_ path: String, text: String) throws {
        try writeFile(path, Array(text.utf8))
    }

    public func writeFile(_ path: String, streaming produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        var bytes: [UInt8] = []
        try produce { bytes.append(contentsOf: $0) }
        try writeFile(path, bytes)
    }

    public func readFile(_ path: String, range: Range<Int>) throws -> [UInt8] {
        let bytes = try readFile(path)
        return Array(bytes[min(range.lowerBound, bytes.count)..<min(range.upperBound, bytes.count)])
    }

    public func replaceRanges(of path: String, _ replacements: [(range: Range<Int>, bytes: [UInt8])]) throws {
        try writeFile(path, splicing(try readFile(path), replacements))
    }
}

/// `bytes` with the replacements (sorted, not overlapping) made.
func splicing(_ bytes: [UInt8], _ replacements: [(range: Range<Int>, bytes: [UInt8])]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + replacements.reduce(0) { $0 + $1.bytes.count - $1.range.count })
    var position = 0
    for (range, replacement) in replacements {
        output.append(contentsOf: bytes[position..<range.lowerBound])
        output.append(contentsOf: replacement)
        position = range.upperBound
    }
    output.append(contentsOf: bytes[position...])
    return output
}

/// A file's size, inode and modification and change times: any write changes the change time
/// (which no tool can set back), so a file whose stamp is the same has not been written since,
/// the test git's index relies on.
public struct FileStamp: Sendable, Hashable, BinaryCodable {
    public var size: Int
    public var inode: UInt64
    public var modified: Int
    public var changed: Int

    public init(size: Int, inode: UInt64, modified: Int, changed: Int) {
        self.size = size
        self.inode = inode
        self.modified = modified
        self.changed = changed
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(size)
        writer.write(inode)
        writer.write(modified)
        writer.write(changed)
    }

    public init(from reader: inout BinaryReader) throws {
        self.init(size: try reader.read(), inode: try reader.read(), modified: try reader.read(), changed: try reader.read())
    }
}

/// A file-system failure, named with its path.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// The real file system.
public struct LocalFileSystem: FileSystem {
    public init() {}

    /// Reads the whole file with `read(2)` into an array sized from `fstat`, so a large seed is
    /// copied once, not regrown chunk by chunk; a file that grows meanwhile is read to its end.
    public func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? max(Int(status.st_size), 0) : 0
        var bytes: [UInt8] = []
        var capacity = expected + 1  // one more byte to see the end of the file in the same loop
        while true {
            let previous = bytes
            var failure: Int32?
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = buffer.initialize(from: previous).1
                while count < capacity {
                    let got = read(descriptor, buffer.baseAddress! + count, capacity - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 { return }
                    count += got
                }
            }
            if let failure { throw FileSystemError(path: path, reason: String(cString: strerror(failure))) }
            guard bytes.count == capacity else { return bytes }
            capacity *= 2
        }
    }

    public func readFile(_ path: String, range: Range<Int>) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try Self.readBytes(descriptor, range, path: path)
    }

    /// The bytes of open file `descriptor` in `range`, fewer where the file ends first.
    private static func readBytes(_ descriptor: Int32, _ range: Range<Int>, path: String) throws -> [UInt8] {
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, got in
            while got < buffer.count {
                let count = pread(descriptor, buffer.baseAddress! + got, buffer.count - got, off_t(range.lowerBound + got))
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = errno }
                if count <= 0 { return }
                got += count
            }
        }
        if let failure { throw FileSystemError(path: path, reason: String(cString: strerror(failure))) }
        return bytes
    }

    public func fileSize(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    public func stamp(_ path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileStamp(
            size: Int(status.st_size), inode: UInt64(status.st_ino),
            modified: Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec),
            changed: Int(status.st_ctim.tv_sec) * 1_000_000_000 + Int(status.st_ctim.tv_nsec))
    }

    /// Rewrites the file from the first replaced range on (a replacement of the same length
    /// rewrites only itself), in place and through a small buffer (`InPlaceSplice`): a 150 MB
    /// manifest whose one node changed costs what copying its tail does.
    public func replaceRanges(of path: String, _ replacements: [(range: Range<Int>, bytes: [UInt8])]) throws {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        func fail(_ reason: String = String(cString: strerror(errno))) -> FileSystemError {
            FileSystemError(path: path, reason: reason)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw fail() }
        let size = Int(status.st_size)
        guard replacements.allSatisfy({ $0.range.upperBound <= size }) else { throw fail("changed while being rewritten") }
        let splice = InPlaceSplice(
            read: { range in
                let bytes = try Self.readBytes(descriptor, range, path: path)
                guard bytes.count == range.count else { throw fail("changed while being rewritten") }
                return bytes
            },
            write: { bytes, offset in
                try bytes.withUnsafeBytes { buffer in
                    var written = 0
                    while written < buffer.count {
                        let count = pwrite(descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(offset + written))
                        if count < 0, errno == EINTR { continue }
                        guard count > 0 else { throw fail() }
                        written += count
                    }
                }
            })
        // Replacements of the same length are written over their ranges; from the first that
        // changes the length on, the rest of the file moves.
        let resizing = replacements.firstIndex { $0.range.count != $0.bytes.count } ?? replacements.endIndex
        for (range, bytes) in replacements[..<resizing] { try splice.write(bytes[...], range.lowerBound) }
        guard resizing < replacements.endIndex else { return }
        let newSize = try splice.run(size: size, Array(replacements[resizing...]))
        if newSize < size, ftruncate(descriptor, off_t(newSize)) != 0 { throw fail() }
    }

    public func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    public func directoryExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func entries(of directory: String) -> [String] {
        typedEntries(of: directory).map(\.name)
    }

    /// The entries of `directory`, sorted by name, each with its `d_type` (`DT_DIR`, `DT_REG`,
    /// or `DT_LNK`/`DT_UNKNOWN` when only a `stat` can tell what it is).
    private func typedEntries(of directory: String) -> [(name: String, type: UInt8)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            // Read in place: a record is only as long as its name, so copying the 256-byte
            // `d_name` field out of the last record of the buffer could read past its end.
            let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
            let type = (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_type)!).load(as: UInt8.self)
            if name != "." && name != ".." { entries.append((name, type)) }
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func filesRecursively(under directory: String) -> [String] {
        var result: [String] = []
        var visited = Set<String>()
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? directory : directory + "/" + relative
            if let real = realpath(absolute, nil) {
                defer { free(real) }
                // A link back up the tree must not loop forever.
                guard visited.insert(String(cString: real)).inserted else { return }
            }
            for (name, type) in typedEntries(of: absolute) {
                let child = relative.isEmpty ? name : relative + "/" + name
                // The entry's type as the directory lists it; a link (followed) or an entry of
                // unknown type is looked at.
                switch Int32(type) {
                case Int32(DT_DIR): walk(child)
                case Int32(DT_REG): result.append(child)
                default:
                    let path = directory + "/" + child
                    if directoryExists(path) {
                        walk(child)
                    } else if fileExists(path) {
                        result.append(child)
                    }
                }
            }
        }
        walk("")
        return result.sorted()
    }

    /// Leaves a file that already holds exactly `bytes` alone: a run rewrites hundreds of
    /// `target/` files that mostly did not change, and replacing a file makes the file system
    /// flush it, which costs far more than reading it to compare.
    public func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        try writeFile(path, segments: [bytes])
    }

    public func writeFile(_ path: String, segments: [[UInt8]]) throws {
        try store(path, Contents(count: segments.reduce(0) { $0 + $1.count }) { body in
            for segment in segments { try segment.withUnsafeBytes(body) }
        })
    }

    /// (Always replaces the file: whether it holds the same bytes is known only once they are made.)
    public func writeFile(_ path: String, streaming produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        try withoutActuallyEscaping(produce) { produce in
            try store(path, Contents(count: nil) { body in
                try withoutActuallyEscaping(body) { body in try produce { try $0.withUnsafeBytes(body) } }
            })
        }
    }

    /// Writes the string's UTF-8 where it lies, without copying it into an array first (a
    /// compile writes tens of thousands of compiled files).
    public func writeFile(_ path: String, text: String) throws {
        try store(path, Contents(count: text.utf8.count) { body in
            var text = text
            try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        })
    }

    /// A file's contents, handed over as consecutive pieces of memory.
    private struct Contents {
        /// How many bytes, when known before they are made.
        let count: Int?
        let pieces: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    }

    private func store(_ path: String, _ contents: Contents) throws {
        // A new file is created in place, tried first: one directory change instead of two, and
        // no look at the file before (a large project's first compile creates tens of thousands).
        // A file that exists is written beside and moved into place, so that a reader never
        // sees half of it.
        if try create(path, holding: contents, exclusive: true) { return }
        if let count = contents.count, fileSize(path) == count, holds(path, contents) { return }
        let temporary = path + ".weir-tmp-\(getpid())"
        _ = try create(temporary, holding: contents, exclusive: false)
        // The old file is removed first: renaming over it (or truncating it) makes ext4 write
        // the new file's data out before returning (`auto_da_alloc`), 1.5-2 ms a file, a tenth
        // of a one-model incremental run's own time. A reader may find no file for an instant
        // (never half of one); after a power cut the file may be empty, as a new one may be.
        unlink(path)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileSystemError(path: path, reason: reason)
        }
    }

    /// Creates (or truncates) the file and writes the segments; false when `exclusive` and the
    /// file exists. Its directory is created when the first attempt finds it missing.
    private func create(_ path: String, holding contents: Contents, exclusive: Bool) throws -> Bool {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0, errno == ENOENT, case let parent = parentDirectory(path), !parent.isEmpty {
            try createDirectory(parent)
            descriptor = open(path, flags, 0o644)
        }
        if descriptor < 0, exclusive, errno == EEXIST { return false }
        guard descriptor >= 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(errno))) }
        try contents.pieces { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    unlink(path)
                    throw FileSystemError(path: path, reason: reason)
                }
                offset += count
            }
        }
        guard close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw FileSystemError(path: path, reason: reason)
        }
        return true
    }

    /// Whether the file holds the segments' bytes, read a block at a time and given up at the
    /// first difference (a rewritten manifest differs in its first line, its time stamp).
    private func holds(_ path: String, _ contents: Contents) -> Bool {
        guard let handle = fopen(path, "rb") else { return false }
        defer { fclose(handle) }
        var block = [UInt8](repeating: 0, count: 65536)
        struct Differs: Error {}
        do {
            try contents.pieces { buffer in
                var offset = 0
                while offset < buffer.count, let base = buffer.baseAddress {
                    let count = fread(&block, 1, min(block.count, buffer.count - offset), handle)
                    guard count > 0, memcmp(block, base + offset, count) == 0 else { throw Differs() }
                    offset += count
                }
            }
        } catch {
            return false
        }
        return fgetc(handle) == EOF
    }

    public func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileSystemError(path: path, reason: "cannot create the directory")
        }
    }

    public func removeItem(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileSystemError(path: path, reason: "cannot remove it")
        }
    }
}

/// A file system held in memory, for tests: a map from normalized path to contents.
public final class InMemoryFileSystem: FileSystem, @unchecked Sendable {
    /// Always read: tests see every file's text while parsing.
    public func fileSize(_ path: String) -> Int? { nil }

    private var files: [String: [UInt8]] = [:]
    private let lock = NSLock()

    public init(files: [String: String] = [:]) {
        for (path, text) in files { self.files[Self.normalize(path)] = Array(text.utf8) }
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." && !part.isEmpty {
            if part == "..", !parts.isEmpty { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    private func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func readFile(_ path: String) throws -> [UInt8] {
        try withLock {
            guard let bytes = files[Self.normalize(path)] else {
                throw FileSystemError(path: path, reason: "No such file or directory")
            }
            return bytes
        }
    }

    public func fileExists(_ path: String) -> Bool { withLock { files[Self.normalize(path)] != nil } }

    public func directoryExists(_ path: String) -> Bool {
        let prefix = Self.normalize(path)
        return withLock { files.keys.contains { prefix.isEmpty || $0.hasPrefix(prefix + "/") } }
    }

    public func entries(of directory: String) -> [String] {
        let prefix = Self.normalize(directory)
        var names = Set<String>()
        withLock {
            for path in files.keys {
                let rest: Substring
                if prefix.isEmpty {
                    rest = Substring(path)
                } else if path.hasPrefix(prefix + "/") {
                    rest = path.dropFirst(prefix.count + 1)
                } else {
                    continue
                }
                if let first = rest.split(separator: "/").first { names.insert(String(first)) }
            }
        }
        return names.sorted()
    }

    public func filesRecursively(under directory: String) -> [String] {
        let prefix = Self.normalize(directory)
        return withLock {
            files.keys.compactMap { path -> String? in
                if prefix.isEmpty { return path }
                return path.hasPrefix(prefix + "/") ? String(path.dropFirst(prefix.count + 1)) : nil
            }
        }.sorted()
    }

    public func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        withLock { files[Self.normalize(path)] = bytes }
    }

    public func createDirectory(_ path: String) throws {}

    public func removeItem(_ path: String) throws {
        let prefix = Self.normalize(path)
        withLock { files = files.filter { $0.key != prefix && !$0.key.hasPrefix(prefix + "/") } }
    }
}
