/// Strings that repeat across entries (column descriptions written once in a doc block and
/// used by hundreds of models, the properties file of every test), stored once in `data.js`'s
/// `strings` and referred to by position.
struct StringTable {
    private(set) var values: [String] = []
    private var positions: [String: Int] = [:]

    mutating func position(of string: String) -> Int {
        if let position = positions[string] { return position }
        positions[string] = values.count
        values.append(string)
        return values.count - 1
    }
}
