import Diagnostics
import Foundation
import Parallelism

/// Checks a model's output columns against the vocabulary: each name's letter case, each part
/// against its level's stubs (naming the closest one), and the column's type against what its
/// first stub allows.
public struct ColumnCheck: Sendable {
    public let vocabulary: ColumnVocabulary
    /// The warehouse whose type names the columns carry (`postgres`, `sqlite`...).
    public let adapterType: String

    /// The words of the files searched so far, shared by every check.
    let words = ColumnOrigin.WordIndex()

    public init(vocabulary: ColumnVocabulary, adapterType: String) {
        self.vocabulary = vocabulary
        self.adapterType = adapterType
    }

    /// The model a column belongs to, for messages: its name, its file (raw code) and whether
    /// it enforces the contract (errors) or only warns.
    public struct Model: Sendable {
        public var name: String
        public var file: SourceFile?
        public var enforced: Bool
        /// The files of the models upstream, nearest first: a column that comes through
        /// `select *` is produced in one of them.
        public var upstreamFiles: [SourceFile] = []

        public init(name: String, file: SourceFile?, enforced: Bool, upstreamFiles: [SourceFile] = []) {
            self.name = name
            self.file = file
            self.enforced = enforced
            self.upstreamFiles = upstreamFiles
        }

        /// Where the column is produced: in the model's own file, else the nearest upstream file
        /// that names it (files are first asked whether they hold the word at all, so a column
        /// that no file names costs a set lookup per file, not a regular expression).
        func origin(of column: String, words: ColumnOrigin.WordIndex) -> (file: SourceFile, span: SourceSpan)? {
            let word = column.lowercased()
            func found(in file: SourceFile) -> (file: SourceFile, span: SourceSpan)? {
                guard words.contains(word, in: file), let span = ColumnOrigin.span(of: column, in: file.text) else { return nil }
                return (file, span)
            }
            if let file, let origin = found(in: file) { return origin }
            for file in upstreamFiles { if let origin = found(in: file) { return origin } }
            return nil
        }
    }

    /// What is wrong with one column, if anything: at most one diagnostic per kind of problem.
    public func check(column: String, warehouseType: String?, in model: Model) -> [Diagnostic] {
        findings(column: column, warehouseType: warehouseType, in: model).map(\.diagnostic)
    }

    /// Checks the columns of several models. A column a model only passes on (`select *`)
    /// repeats the problem of the model that produces it: when that model is checked too, only
    /// its report is kept, at the line that produces the column.
    public func check(_ models: [(model: Model, columns: [(name: String, type: String?)])]) -> [Diagnostic] {
        // On all cores: a large project has tens of thousands of columns.
        let all = models.concurrentMap { model, columns in
            columns.flatMap { findings(column: $0.name, warehouseType: $0.type, in: model) }
        }.joined()
        let produced = Set(all.filter(\.producedHere).map(\.key))
        return all.filter { $0.producedHere || !produced.contains($0.key) }.map(\.diagnostic)
    }

    /// One problem of one column, and what makes it the same problem in another model.
    struct Finding {
        var diagnostic: Diagnostic
        /// The kind of problem, the column, what is wrong with it and where it is produced.
        var key: String
        /// Whether the column is produced in the checked model's own file.
        var producedHere: Bool
    }

    func findings(column: String, warehouseType: String?, in model: Model) -> [Finding] {
        var problems: [Finding] = []
        let subject = "column '\(column)' of model '\(model.name)'"
        // Looked for only when there is something to report (most columns are fine).
        lazy var origin = model.origin(of: column, words: words)
        func report(_ code: String, _ message: String, help: String) {
            let producedHere = origin.map { $0.file.name == model.file?.name } ?? true
            let diagnostic = Diagnostic(
                model.enforced ? .error : .warning, code: code, message: "\(subject) \(message)", file: origin?.file ?? model.file,
                span: origin?.span, help: help)
            let key = "\(code)|\(column)|\(message)|\(origin?.file.name ?? "")|\(origin?.span.start ?? -1)"
            problems.append(Finding(diagnostic: diagnostic, key: key, producedHere: producedHere))
        }
        switch vocabulary.letterCase {
        case .lower where column != column.lowercased():
            report("W1901", "is not in lower case", help: "rename it '\(column.lowercased())' (weir.yml asks for case: lower)")
        case .upper where column != column.uppercased():
            report("W1901", "is not in upper case", help: "rename it '\(column.uppercased())' (weir.yml asks for case: upper)")
        default: break
        }
        let parts = vocabulary.parts(of: column)
        let levels = vocabulary.levels
        if parts.count > levels.count {
            let names = levels.map(\.name).joined(separator: ", ")
            report(
                "W1903", "has \(parts.count) parts but the vocabulary has \(levels.count) level\(levels.count == 1 ? "" : "s") (\(names))",
                help: "shorten the name, or add a level to column_vocabulary in weir.yml")
        }
        for (part, level) in zip(parts, levels) {
            guard let stubs = level.stubs, !stubs.contains(where: { vocabulary.matches($0.name, part) }) else { continue }
            let names = stubs.map(\.name)
            let shown = part.isEmpty ? "an empty part" : "'\(part)'"
            var help = "the \(level.name) stubs are \(names.joined(separator: ", ")); or add '\(part)' to the \(level.name) level in weir.yml"
            if let closest = Self.closest(to: part, among: names) { help = "did you mean '\(closest)'? " + help }
            report("W1902", "starts a part with \(shown), which is not a \(level.name) stub", help: help)
        }
        if let stub = vocabulary.firstStub(of: column), !stub.types.isEmpty, let warehouseType,
            let categories = TypeCategory.categories(ofWarehouseType: warehouseType, adapterType: adapterType),
            categories.isDisjoint(with: stub.types)
        {
            let allowed = stub.types.map(\.rawValue).joined(separator: " or ")
            let measure = vocabulary.levels.first?.name ?? "measure"
            let fitting = (vocabulary.levels.first?.stubs ?? []).filter { !categories.isDisjoint(with: $0.types) }.map(\.name)
            var help = "cast it to \(allowed) where the model selects it"
            if !fitting.isEmpty { help += ", or name it with a \(measure) stub for \(warehouseType) values: \(fitting.joined(separator: ", "))" }
            report("W1904", "is \(warehouseType), but its \(measure) stub '\(stub.name)' allows \(allowed)", help: help)
        }
        return problems
    }

    /// The stub the part most likely meant: the longest stub the part starts with (`n` for
    /// `num`), else the nearest by edit distance among those near enough to be a slip (two edits
    /// at most) or that abbreviate it (`amt` for `amount`); ties go to the first in the vocabulary.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let word = word.lowercased()
        if let prefix = candidates.filter({ word.hasPrefix($0.lowercased()) }).max(by: { $0.count < $1.count }) { return prefix }
        let scored = candidates.map { ($0, editDistance(word, $0.lowercased())) }
            .filter { $0.1 <= 2 || isAbbreviation($0.0.lowercased(), of: word) }
        return scored.min(by: { $0.1 < $1.1 })?.0
    }

    /// Whether `short` keeps the first letter of `word` and the rest of its letters in order.
    static func isAbbreviation(_ short: String, of word: String) -> Bool {
        guard let first = short.first, word.first == first else { return false }
        var remaining = Substring(word)
        for character in short {
            guard let found = remaining.firstIndex(of: character) else { return false }
            remaining = remaining[remaining.index(after: found)...]
        }
        return true
    }

    /// Levenshtein distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        // On scalars, not characters: names are identifiers, and this runs for every unknown part.
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
