import Diagnostics
import Dispatch
import Foundation
import Planning
import ProjectLoading
import ProjectModel
import SQLDialect
import Seeds

/// One seed file to read, with what its config says about reading it: everything taken from
/// the compiler up front, so the read itself touches no shared state and can run on any thread.
struct SeedRead: Sendable {
    let node: ManifestNode
    let file: SourceFile
    /// A large seed parsing left unread (see `ResourceFile.unreadPath`), read by `read`.
    let unreadPath: String?
    let reader: ProjectReader
    let columnTypes: [String: String]

    /// A seed's CSV as parsing read it, with `delimiter` and `column_types` from its config.
    init(_ node: ManifestNode, in parsed: Workspace.Parsed, reader: ProjectReader) throws {
        // Parsing has read the file already (for its checksum) unless it is large; its text is
        // used, not read again.
        guard let file = parsed.compiler.sourceFile(of: node.uniqueID) else {
            throw Diagnostic(code: "W0801", message: "seed '\(node.name)' was not read while parsing")
        }
        var columnTypes: [String: String] = [:]
        for (name, type) in node.config["column_types"]?.mapValue ?? ConfigMap() {
            if let type = type.stringValue { columnTypes[name] = type }
        }
        self.node = node
        self.file = file
        self.unreadPath = parsed.compiler.unreadSeedPath(of: node.uniqueID)
        self.reader = reader
        self.columnTypes = columnTypes
    }

    /// The seed read and typed as dbt does, and the warnings reading it gave.
    func read(dialect: SQLDialect) throws -> (SeedInput, warnings: [Diagnostic]) {
        let delimiterText = node.config["delimiter"]?.stringValue ?? ","
        guard delimiterText.count == 1, let delimiter = delimiterText.first else {
            throw Diagnostic(
                code: "W1210", message: "seed '\(node.name)' has delimiter '\(delimiterText)', which is not one character",
                help: "set `delimiter` to a single character such as ';' or '|'")
        }
        let file = try unreadPath.map { try reader.readText($0, displayName: self.file.name) } ?? self.file
        let table = try SeedTable.read(file, delimiter: delimiter, columnTypes: columnTypes)
        let columns = table.columns.map { (name: $0.name, type: SeedTable.sqlType(for: $0, dialect: dialect)) }
        return (SeedInput(columns: columns, rows: table.rows), table.warnings)
    }
}

/// Seeds read on other threads while the run connects and builds the nodes before them: a large
/// seed's reading then overlaps the waiting for the warehouse. At most `byteBudget` of text is
/// read ahead; the other seeds are read when their turn comes.
final class SeedsReadAhead: @unchecked Sendable {
    static let byteBudget = 256 << 20

    private let lock = NSLock()
    private var reads: [String: BackgroundResult<(SeedInput, warnings: [Diagnostic])>] = [:]

    init(_ reads: [SeedRead], dialect: SQLDialect) {
        var budget = Self.byteBudget
        for read in reads {
            budget -= read.unreadPath.flatMap(read.reader.fileSystem.fileSize) ?? read.file.text.utf8.count
            guard budget >= 0 else { break }
            self.reads[read.node.uniqueID] = BackgroundResult { try read.read(dialect: dialect) }
        }
    }

    /// The read of one seed if it was read ahead (waiting for it to finish), else nil; later
    /// calls for the same seed get nil.
    func take(_ id: String) throws -> (SeedInput, warnings: [Diagnostic])? {
        lock.lock()
        let read = reads.removeValue(forKey: id)
        lock.unlock()
        return try read?.wait().get()
    }

    /// The read of one seed if it was read ahead, leaving it for `take`.
    func peek(_ id: String) throws -> (SeedInput, warnings: [Diagnostic])? {
        lock.lock()
        let read = reads[id]
        lock.unlock()
        return try read?.wait().get()
    }
}
