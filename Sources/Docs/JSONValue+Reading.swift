import Artifacts

/// Typed reads of the artifacts' values. The site is built from artifacts that may come from
/// Weir or from dbt, so every field is optional and a wrong type reads as absent.
extension JSONValue {
    var intValue: Int? {
        if case .int(let number) = self { return number }
        return nil
    }

    var doubleValue: Double? {
        switch self {
        case .double(let number): return number.isFinite ? number : nil
        case .int(let number): return Double(number)
        default: return nil
        }
    }

    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// A non-empty string, else nil: the site omits empty fields to stay small.
    var text: String? {
        guard case .string(let string) = self, !string.isEmpty else { return nil }
        return string
    }

    var stringList: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }

    /// Null, `""`, `[]` and `{}`: what the site leaves out.
    var isBlank: Bool {
        switch self {
        case .null: return true
        case .string(let string): return string.isEmpty
        case .array(let items): return items.isEmpty
        case .object(let object): return object.isEmpty
        default: return false
        }
    }

    /// The value without blank members, recursively: a config as the user set it, not the
    /// dozens of `null` defaults the manifest carries.
    var pruned: JSONValue {
        switch self {
        case .object(let object):
            var result = JSONObject()
            for (key, value) in object {
                let member = value.pruned
                if !member.isBlank { result[key] = member }
            }
            return .object(result)
        case .array(let items):
            return .array(items.map(\.pruned))
        default:
            return self
        }
    }
}
