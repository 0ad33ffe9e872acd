#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Where a project's files come from: the disk, or memory in tests. Paths are `/`-separated;
/// relative paths are relative to the current directory.
public protocol FileSystem: Sendable {
    func readFile(_ path: String) throws -> [UInt8]
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
    func createDirectory(_ path: String) throws
    func removeItem(_ path: String) throws
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

    public func fileSize(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
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
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
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
            for name in entries(of: absolute) {
                let child = relative.isEmpty ? name : relative + "/" + name
                let path = directory + "/" + child
                if directoryExists(path) {
                    walk(child)
                } else if fileExists(path) {
                    result.append(child)
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
        let size = fileSize(path)
        if size == bytes.count, holds(path, bytes) { return }
        // A file that exists is written beside and renamed over, so that a reader never sees
        // half of it. A new one is created in place: one directory change instead of two, and a
        // large project's first compile creates tens of thousands of files.
        if size == nil, try create(path, holding: bytes, exclusive: true) { return }
        let temporary = path + ".weir-tmp-\(getpid())"
        _ = try create(temporary, holding: bytes, exclusive: false)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileSystemError(path: path, reason: reason)
        }
    }

    /// Creates (or truncates) the file and writes `bytes`; false when `exclusive` and the file
    /// exists. Its directory is created when the first attempt finds it missing.
    private func create(_ path: String, holding bytes: [UInt8], exclusive: Bool) throws -> Bool {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC)
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0, errno == ENOENT, case let parent = parentDirectory(path), !parent.isEmpty {
            try createDirectory(parent)
            descriptor = open(path, flags, 0o644)
        }
        if descriptor < 0, exclusive, errno == EEXIST { return false }
        guard descriptor >= 0 else { throw FileSystemError(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { write(descriptor, $0 + offset, buffer.count - offset) } ?? 0
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(path)
                throw FileSystemError(path: path, reason: reason)
            }
            offset += count
        }
        guard close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw FileSystemError(path: path, reason: reason)
        }
        return true
    }

    /// Whether the file holds `bytes`, read a block at a time and given up at the first
    /// difference (a rewritten manifest differs in its first line, its time stamp).
    private func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let handle = fopen(path, "rb") else { return false }
        defer { fclose(handle) }
        var block = [UInt8](repeating: 0, count: 65536)
        var offset = 0
        while offset < bytes.count {
            let count = fread(&block, 1, min(block.count, bytes.count - offset), handle)
            guard count > 0, block[0..<count].elementsEqual(bytes[offset..<(offset + count)]) else { return false }
            offset += count
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
