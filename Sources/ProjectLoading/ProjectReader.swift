import Foundation
import Diagnostics
import Parallelism
import ProjectModel

/// Reads the files of a dbt project and its packages from a file system.
public struct ProjectReader: Sendable {
    public let fileSystem: any FileSystem
    /// The files under each directory, listed once per parse: a parse lists the project's
    /// resource directories for the parse snapshot's stamps, then again to read the files.
    private let listings = Listings()

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Lists directories afresh from now on (a new parse sees files added since the last).
    public func forgetListings() { listings.forget() }

    /// `fileSystem.filesRecursively(under:)`, remembered until `forgetListings()`.
    private func listing(of directory: String) -> [String] {
        listings.files(under: directory) { fileSystem.filesRecursively(under: directory) }
    }

    /// Reads and parses a YAML file; `displayName` is how diagnostics name it.
    public func readYAML(_ path: String, displayName: String? = nil) throws -> (SourceFile, YAMLNode) {
        let file = try readText(path, displayName: displayName ?? path)
        return (file, try YAMLReader.parse(file))
    }

    /// Reads a UTF-8 text file; invalid UTF-8 is an error that names the file.
    public func readText(_ path: String, displayName: String) throws -> SourceFile {
        let bytes = try readBytes(path)
        return try decode(bytes, displayName: displayName)
    }

    private func readBytes(_ path: String) throws -> [UInt8] {
        do {
            return try fileSystem.readFile(path)
        } catch let error as FileSystemError {
            throw Diagnostic(code: "W0001", message: "cannot read \(error.path): \(error.reason)")
        }
    }

    /// UTF-8 text read from a file (a byte-order mark dropped); invalid UTF-8 is an error that names the file.
    public func decode(_ bytes: [UInt8], displayName: String) throws -> SourceFile {
        var body = bytes[...]
        // A UTF-8 byte-order mark is not part of the text (Python's `utf-8-sig` reading).
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw Diagnostic(
                code: "W0002", message: "\(displayName) is not valid UTF-8 text",
                help: "save the file as UTF-8")
        }
        return SourceFile(name: displayName, text: text)
    }

    /// The `dbt_project.yml` of the project in `directory`, or a diagnostic saying it is missing.
    public func readProjectFile(in directory: String, displayPrefix: String = "") throws -> (SourceFile, YAMLNode) {
        let path = join(directory, "dbt_project.yml")
        guard fileSystem.fileExists(path) else {
            throw Diagnostic(
                code: "W0003", message: "no dbt_project.yml found in \(directory == "." ? "the current directory" : directory)",
                help: "run Weir inside a dbt project, or point at one with --project-dir")
        }
        return try readYAML(path, displayName: displayPrefix + "dbt_project.yml")
    }

    /// Collects every resource file of a package rooted at `directory`, using the paths its
    /// project file declares. `displayPrefix` is prepended to file names in diagnostics
    /// (`dbt_packages/dbt_utils/` for a package, empty for the root project).
    /// With `macrosAndDocsOnly`, only the files that define macros and docs blocks are read.
    public func collectFiles(
        in directory: String, config: ProjectConfig, displayPrefix: String = "", macrosAndDocsOnly: Bool = false
    ) throws -> PackageFiles {
        var files = PackageFiles()
        var seen = Set<String>()
        func collect(
            _ roots: [String], _ accept: (String) -> Bool, leavingLargeSeedsUnread: Bool = false,
            into add: (ResourceFile) -> Void
        ) throws {
            var found: [(original: String, relative: String, absolute: String)] = []
            for root in roots {
                let absoluteRoot = join(directory, root)
                guard fileSystem.directoryExists(absoluteRoot) else { continue }
                for relative in listing(of: absoluteRoot) where accept(relative) {
                    let original = normalize(join(root, relative))
                    guard seen.insert(normalize(original)).inserted else { continue }
                    found.append((original, relative, join(absoluteRoot, relative)))
                }
            }
            // Read on all cores: a project has thousands of small files.
            let files = try found.concurrentMap { file -> ResourceFile in
                if leavingLargeSeedsUnread, let size = fileSystem.fileSize(file.absolute), size > ResourceFile.largeSeedSize {
                    let source = SourceFile(name: displayPrefix + file.original, text: "")
                    return ResourceFile(
                        originalFilePath: file.original, path: file.relative, source: source, bytes: [], unreadPath: file.absolute)
                }
                let bytes = try readBytes(file.absolute)
                let source = try decode(bytes, displayName: displayPrefix + file.original)
                return ResourceFile(originalFilePath: file.original, path: file.relative, source: source, bytes: bytes)
            }
            files.forEach(add)
        }
        func hasExtension(_ extensions: String...) -> (String) -> Bool {
            { path in
                let lower = path.lowercased()
                return extensions.contains { lower.hasSuffix($0) } && !isHidden(path)
            }
        }
        let sql = hasExtension(".sql")
        let yml = hasExtension(".yml", ".yaml")
        // Generic tests live in `tests/generic/` (and dbt also reads `macros/` there).
        try collect(config.testPaths.map { join($0, "generic") }, sql) { files.macros.append(fixGenericPath($0)) }
        try collect(config.macroPaths, sql) { files.macros.append($0) }
        if !macrosAndDocsOnly {
            try collect(config.modelPaths, sql) { files.models.append($0) }
            try collect(config.analysisPaths, sql) { files.analyses.append($0) }
            try collect(config.snapshotPaths, sql) { files.snapshots.append($0) }
            // `tests/fixtures/` holds unit tests' fixtures (`.csv` and `.sql`), which are no singular tests.
            try collect(config.testPaths, hasExtension(".sql", ".csv")) { file in
                if file.path.hasPrefix("fixtures/") {
                    files.unitTestFixtures.append(file)
                } else if sql(file.path) {
                    files.singularTests.append(file)
                }
            }
            try collect(config.seedPaths, hasExtension(".csv"), leavingLargeSeedsUnread: true) { files.seeds.append($0) }
            seen.removeAll()
            let propertyRoots = config.modelPaths + config.seedPaths + config.snapshotPaths + config.analysisPaths
                + config.macroPaths + config.testPaths
            try collect(Array(Set(propertyRoots)).sorted(), yml) { files.properties.append($0) }
        }
        seen.removeAll()
        try collect(Array(Set(config.allSourcePaths)).sorted(), hasExtension(".md")) { files.docs.append($0) }
        return files
    }

    /// Every file `collectFiles` could read in the package (and a few more: any `.sql`, `.yml`,
    /// `.yaml`, `.csv` or `.md` under any of its resource paths), as paths below `directory`:
    /// what must be unchanged for an earlier parse of the package to still hold. Sorted by code
    /// point (a byte sort: Swift's `<` on strings cost most of the time for 10,000 files).
    public func resourcePaths(in directory: String, config: ProjectConfig) -> [String] {
        let roots = Set(
            config.modelPaths + config.seedPaths + config.testPaths + config.macroPaths + config.snapshotPaths
                + config.analysisPaths + (config.docsPaths ?? []))
        var paths = Set<String>()
        for root in roots.sorted() {
            let absoluteRoot = join(directory, root)
            guard fileSystem.directoryExists(absoluteRoot) else { continue }
            for relative in listing(of: absoluteRoot) where !isHidden(relative) {
                let lower = relative.lowercased()
                if [".sql", ".yml", ".yaml", ".csv", ".md"].contains(where: { lower.hasSuffix($0) }) {
                    paths.insert(normalize(join(root, relative)))
                }
            }
        }
        return paths.sortedByCodePoint()
    }

    /// A generic test collected from `tests/generic/x.sql` keeps the test path as its `path`.
    private func fixGenericPath(_ file: ResourceFile) -> ResourceFile {
        var file = file
        if let slash = file.originalFilePath.firstIndex(of: "/") {
            file.path = String(file.originalFilePath[file.originalFilePath.index(after: slash)...])
        }
        return file
    }

    /// Whether a component of the path starts with a dot.
    private func isHidden(_ path: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in path.utf8 {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") { return true }
            previous = byte
        }
        return false
    }
}

/// Joins path components with `/`, treating `.` and empty as nothing.
public func join(_ base: String, _ component: String) -> String {
    if component.hasPrefix("/") { return component }
    if base.isEmpty || base == "." { return component }
    if component.isEmpty || component == "." { return base }
    return base.hasSuffix("/") ? base + component : base + "/" + component
}

/// The directory part of a file's path (`a/b` for `a/b/c.sql`, empty for `c.sql`): the
/// string up to its last `/`, which is all a path Weir built itself needs, without Foundation's
/// general (and, over tens of thousands of files, slow) path handling.
public func parentDirectory(_ path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// Removes `.` components and folds `..` where possible.
public func normalize(_ path: String) -> String {
    if isNormal(path) { return path }
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
        if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : joined
}

/// Whether `normalize` would return `path` unchanged: relative, and no component empty, `.` or
/// `..` (the usual case, checked without splitting: every compiled node's path goes through).
private func isNormal(_ path: String) -> Bool {
    var componentLength = 0
    var dots = 0
    for byte in path.utf8 {
        if byte == UInt8(ascii: "/") {
            if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
            componentLength = 0
            dots = 0
        } else {
            componentLength += 1
            if byte == UInt8(ascii: ".") { dots += 1 }
        }
    }
    return componentLength > 0 && !(componentLength == dots && dots <= 2)
}

/// Directory listings kept for the life of a `ProjectReader`, safe to use from any thread.
private final class Listings: @unchecked Sendable {
    private let lock = NSLock()
    private var byDirectory: [String: [String]] = [:]

    func forget() {
        lock.lock()
        defer { lock.unlock() }
        byDirectory = [:]
    }

    func files(under directory: String, list: () -> [String]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let files = byDirectory[directory] { return files }
        let files = list()
        byDirectory[directory] = files
        return files
    }
}
