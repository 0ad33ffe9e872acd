import Diagnostics
import ProjectLoading
import ProjectModel

extension ProjectCompiler {
    /// Where a generic test is written in its properties file, for a warning about it: tests
    /// keep no span, so the file is read again (only when there is something to say). The
    /// entry of the tested model, seed, snapshot or source (and column), then among its tests of
    /// the test's kind the one whose text mentions `name` (the missing target), else the first.
    func propertyEntrySpan(ofTest node: ManifestNode, mentioning name: String) -> SourceSpan? {
        guard let metadata = node.testMetadata, let fileKey = node.fileKeyName, let file = sourceFile(of: node),
            let yaml = try? YAMLReader.parse(file),
            let dot = fileKey.firstIndex(of: ".")
        else { return nil }
        let section = String(fileKey[..<dot])
        let entryName = String(fileKey[fileKey.index(after: dot)...])
        guard let entry = yaml[section]?.items?.first(where: { $0["name"]?.string == entryName }) else { return nil }
        // A source's tests are on its tables.
        let containers = section == "sources" ? entry["tables"]?.items ?? [] : [entry]
        var holders: [YAMLNode] = []
        for container in containers {
            if let column = node.columnName {
                holders += (container["columns"]?.items ?? []).filter { $0["name"]?.string == column }
            } else {
                holders.append(container)
            }
        }
        let kind = [metadata.namespace.map { "\($0).\(metadata.name)" }, metadata.name].compactMap { $0 }
        let candidates = holders.flatMap { holder in
            ["data_tests", "tests"].flatMap { holder[$0]?.items ?? [] }.filter { item in
                if let text = item.string { return kind.contains(text) }
                guard let only = item.entries?.first else { return false }
                return kind.contains(only.key) || item["test_name"]?.string.map(kind.contains) == true
            }
        }
        // (A source target is named `source.table`: its table is what the test's text mentions.)
        let mentioned = name.split(separator: ".").last.map(String.init) ?? name
        let mentions = candidates.first { Self.blockText(at: $0.span.start, in: file).contains(mentioned) }
        return (mentions ?? candidates.first)?.span
    }

    /// The YAML block that starts at `offset`: up to the first later line indented less than
    /// its column (a collection's span marks where it starts only).
    private static func blockText(at offset: Int, in file: SourceFile) -> String {
        let bytes = Array(file.text.utf8)
        guard offset < bytes.count else { return "" }
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        let column = offset - lineStart
        var end = offset
        while end < bytes.count {
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            guard end < bytes.count else { break }
            var next = end + 1
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
            let blank = next >= bytes.count || bytes[next] == UInt8(ascii: "\n") || bytes[next] == UInt8(ascii: "#")
            if !blank, next - (end + 1) < column { break }
            end += 1
        }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
