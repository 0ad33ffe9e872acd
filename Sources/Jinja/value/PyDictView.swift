/// What `dict.keys()`, `dict.values()` and `dict.items()` return: a live view of the dict.
///
/// Templates iterate views, take their length, test membership and print them, and each of
/// those shows the dict as it is at that moment, as Python's views do:
/// `{{ d.items() }}` prints `dict_items([('a', 1)])`. Views are not subscriptable.
final class PyDictView: JinjaObject {
    enum Kind: String {
        case keys, values, items
    }

    let dict: PyDict
    let kind: Kind

    init(_ dict: PyDict, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }

    var typeName: String { "dict_\(kind.rawValue)" }

    var elements: [Value] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.valuesInOrder
        case .items: return dict.pairs.map { .tuple([$0.0, $0.1]) }
        }
    }

    func iterate(_ context: CallContext) throws -> [Value]? { elements }

    var length: Int? { dict.count }

    var isTruthy: Bool { dict.count > 0 }

    var pyRepr: String { "\(typeName)([\(elements.map(\.pyRepr).joined(separator: ", "))])" }
}
