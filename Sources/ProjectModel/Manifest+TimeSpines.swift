/// The project's time spines, which MetricFlow needs to answer any query over time and dbt
/// records in `semantic_manifest.json`.
extension Manifest {
    /// dbt's `LEGACY_TIME_SPINE_MODEL_NAME`: a model of this name is a daily time spine (its
    /// column `date_day`) without any `time_spine:` configuration.
    public static let legacyTimeSpineName = "metricflow_time_spine"

    /// The model dbt's ref lookup finds by the legacy time spine's name (the root project's first).
    public var legacyTimeSpine: ManifestNode? {
        let candidates = nodes.values.filter { $0.resourceType == .model && $0.name == Self.legacyTimeSpineName }
        return candidates.first { $0.packageName == projectName } ?? candidates.min { $0.uniqueID < $1.uniqueID }
    }

    /// The models configured with a `time_spine:`, by unique id.
    public var timeSpineModels: [ManifestNode] {
        nodes.values.filter { $0.resourceType == .model && $0.timeSpine != nil }
            .sorted { $0.uniqueID.utf8.lexicographicallyPrecedes($1.uniqueID.utf8) }
    }
}

extension ManifestNode {
    /// A time spine's standard granularity column (`time_spine.standard_granularity_column`).
    public var timeSpineColumn: ColumnInfo? {
        let name = self.timeSpine?.mapValue?["standard_granularity_column"]?.stringValue
        return self.columns.first { $0.name == name }
    }
}
