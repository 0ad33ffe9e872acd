import Compiler
import Foundation
import ProjectLoading
import ProjectModel

extension Workspace {
    /// Where the parse cache lives between runs, under the root project's target path (dbt keeps
    /// its own in `partial_parse.msgpack` there).
    static let parseCacheFile = "weir_partial_parse.bin"

    func parseCachePath(targetPath: String) -> String {
        join(join(projectDirectory, targetPath), Self.parseCacheFile)
    }

    /// The cache the last parse left, or nil when there is none, partial parsing is off, or the
    /// file cannot be read (an older format, say): then everything is parsed, as on a first run.
    func loadParseCache(targetPath: String) -> ParseCache? {
        let path = parseCachePath(targetPath: targetPath)
        finishWrites(of: path)
        guard configuration.partialParse, let bytes = try? fileSystem.readFile(path)
        else { return nil }
        var reader = BinaryReader(bytes)
        return try? reader.read(ParseCache.self)
    }

    /// Keeps this parse's cache for the next run, unless it is the one just read (written in the
    /// background).
    func saveParseCache(_ cache: ParseCache, replacing previous: ParseCache?, targetPath: String) throws {
        guard configuration.partialParse, cache != previous else { return }
        let path = parseCachePath(targetPath: targetPath)
        backgroundWrites.add(path) { [fileSystem] in
            var writer = BinaryWriter()
            writer.write(cache)
            try fileSystem.writeFile(path, writer.bytes)
        }
    }
}
