import Diagnostics
import Foundation
import ProjectModel

/// A project's controlled vocabulary of column-name parts, read from `column_vocabulary:` in
/// `weir.yml` ("column names as contracts"): a name is parts joined by a separator, the first
/// part from the first level's stubs (what kind of value it is), each further part from the
/// next level's.
public struct ColumnVocabulary: Sendable {
    public enum LetterCase: String, Sendable { case lower, upper, any }

    /// One allowed name part.
    public struct Stub: Sendable {
        public var name: String
        /// The kinds of value a column whose first part is this stub may hold; empty: any.
        public var types: [TypeCategory] = []
        /// Test definitions, as a YAML `data_tests:` list would hold them, given to every column
        /// whose first part is this stub.
        public var tests: [YAMLNode] = []
        public var span: SourceSpan
    }

    public struct Level: Sendable {
        public var name: String
        /// Nil when the level accepts any part (a free-text detail).
        public var stubs: [Stub]?
    }

    public var separator: String = "_"
    public var letterCase: LetterCase = .lower
    public var levels: [Level] = []
    /// `weir.yml`, for messages and for the generated tests' definitions.
    public var file: SourceFile

    /// Reads the `column_vocabulary:` entry of `weir.yml`; nil when the file has none.
    public init?(weirFile root: YAMLNode, file: SourceFile) throws {
        guard let node = root["column_vocabulary"] else { return nil }
        self.file = file
        func invalid(_ message: String, _ span: SourceSpan, help: String? = nil) -> Diagnostic {
            Diagnostic(
                code: "W1900", message: "weir.yml: \(message)", file: file, span: span,
                help: help ?? "see the README's \"Column-name contracts\" section for the vocabulary's shape")
        }
        guard node.isMapping else { throw invalid("'column_vocabulary' must be a mapping", node.span) }
        if let separator = node["separator"] {
            guard let text = separator.string, !text.isEmpty else { throw invalid("'separator' must be a non-empty string", separator.span) }
            self.separator = text
        }
        if let letterCase = node["case"] {
            guard let value = letterCase.string.flatMap(LetterCase.init) else {
                throw invalid("'case' must be lower, upper or any", letterCase.span)
            }
            self.letterCase = value
        }
        guard let levels = node["levels"]?.items, !levels.isEmpty else {
            throw invalid("'levels' must list at least one level", node["levels"]?.span ?? node.span)
        }
        for (index, levelNode) in levels.enumerated() {
            guard let name = levelNode["name"]?.string else { throw invalid("each level needs a 'name'", levelNode.span) }
            var level = Level(name: name)
            switch levelNode["stubs"]?.kind {
            case .sequence(let items)?:
                level.stubs = try items.map { item in
                    guard let stub = item.string else { throw invalid("a stub must be a name", item.span) }
                    return Stub(name: stub, span: item.span)
                }
            case .mapping(let entries)?:
                level.stubs = try entries.map { entry in
                    var stub = Stub(name: entry.key, span: entry.keySpan)
                    if let types = entry.value["types"] {
                        stub.types = try (types.items ?? [types]).map { item in
                            guard let category = item.string.flatMap(TypeCategory.init) else {
                                throw invalid(
                                    "'\(item.string ?? item.typeDescription)' is not a type category", item.span,
                                    help: "use \(TypeCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                            }
                            return category
                        }
                    }
                    if let tests = entry.value["tests"] ?? entry.value["data_tests"] {
                        guard let items = tests.items else { throw invalid("a stub's 'tests' must be a list", tests.span) }
                        stub.tests = items
                    }
                    return stub
                }
            case nil, .scalar(.null)?:
                if index == 0 { throw invalid("the first level must list its stubs", levelNode.span) }
            default:
                throw invalid("'stubs' must be a list of names or a mapping of names to settings", levelNode.span)
            }
            self.levels.append(level)
        }
    }

    /// The first level's stub a column name starts with, if any.
    public func firstStub(of column: String) -> Stub? {
        guard let part = parts(of: column).first else { return nil }
        return levels.first?.stubs?.first { matches($0.name, part) }
    }

    func parts(of column: String) -> [String] {
        column.components(separatedBy: separator)
    }

    /// Whether a part is the stub. Case is checked once for the whole name (`case:`), so
    /// stubs written in lower case serve an upper-case vocabulary too.
    func matches(_ stub: String, _ part: String) -> Bool {
        stub.lowercased() == part.lowercased()
    }
}
