import Artifacts
import Foundation
import ProjectModel

/// A model's contract as a manifest records it: what dbt's `same_contract` compares between
/// the previous project (`--state`'s manifest.json) and the current one.
struct ContractRecord {
    struct Column {
        var name: String
        var dataType: String?
        var constraints: [Constraint]
    }

    var uniqueID: String
    var name: String
    var originalFilePath: String
    var versioned: Bool
    var enabled: Bool
    var materialized: String
    var enforced: Bool
    var checksum: String?
    /// By name, as dbt keys them.
    var columns: [String: Column]
    var constraints: [Constraint]
    var deprecationDate: String?

    /// dbt's `materialization_enforces_constraints`.
    var enforcesConstraints: Bool { ["table", "incremental"].contains(materialized) }

    init(_ node: ManifestNode) {
        uniqueID = node.uniqueID
        name = node.name
        originalFilePath = node.originalFilePath
        versioned = node.version != nil && node.version?.isNull == false
        enabled = node.isEnabled
        materialized = node.materialized
        enforced = node.contractEnforced
        checksum = node.contractChecksum
        columns = [:]
        for column in node.columns {
            columns[column.name] = Column(
                name: column.name, dataType: column.dataType, constraints: column.columnConstraints)
        }
        constraints = node.modelConstraints
        deprecationDate = node.deprecationDate
    }

    /// A model of a manifest.json's `nodes`; nil for any other resource.
    init?(json node: JSONValue) {
        guard node["resource_type"]?.stringValue == "model", let uniqueID = node["unique_id"]?.stringValue
        else { return nil }
        self.uniqueID = uniqueID
        name = node["name"]?.stringValue ?? ""
        originalFilePath = node["original_file_path"]?.stringValue ?? ""
        versioned = !(node["version"].map { $0 == .null } ?? true)
        let config = node["config"]
        enabled = config?["enabled"].map { $0 != .bool(false) } ?? true
        materialized = config?["materialized"]?.stringValue ?? "view"
        enforced = node["contract"]?["enforced"] == .bool(true)
        checksum = node["contract"]?["checksum"]?.stringValue
        columns = [:]
        for (key, column) in node["columns"]?.objectValue ?? JSONObject() {
            columns[key] = Column(
                name: column["name"]?.stringValue ?? key, dataType: column["data_type"]?.stringValue,
                constraints: Self.constraints(column["constraints"]))
        }
        constraints = Self.constraints(node["constraints"])
        deprecationDate = node["deprecation_date"]?.stringValue
    }

    private static func constraints(_ list: JSONValue?) -> [Constraint] {
        (list?.arrayValue ?? []).compactMap { Constraint(ConfigValue(json: $0)) }
    }

    /// dbt's `is_past_deprecation_date`.
    func isPastDeprecationDate(now: Date) -> Bool {
        guard let deprecationDate, let date = Self.date(deprecationDate) else { return false }
        return date < now
    }

    /// An ISO 8601 date or date and time as manifests write `deprecation_date` (a time without
    /// a zone is local time, as dbt's `astimezone()` makes it).
    static func date(_ text: String) -> Date? {
        let formats = [
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd",
        ]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
