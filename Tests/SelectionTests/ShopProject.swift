import ProjectModel
import Selection

/// A small project, "shop", mirrored from a real dbt 1.11 project (the same unique ids, fqns,
/// paths, configs and dependencies as its manifest.json), with a local package "utils":
///
/// ```
/// source raw.customers → stg_customers ─┬──────────────→ dim_customers v1, v2, v3
/// source raw.orders ───→ stg_orders ────┼→ int_order_payments ─┤   v2 → customer_segments ─┐
/// seed raw_payments ───→ stg_payments ──┘                      └→ fct_orders ──────────────┴→ weekly_report
///                        stg_orders → orders_snapshot            fct_orders → revenue (analysis)
/// exposure weekly_dashboard ← weekly_report, fct_orders
/// ```
///
/// Tests: unique(stg_customers), not_null(stg_orders, severity warn), relationships(fct_orders →
/// dim_customers v2), accepted_values(source raw.orders), utils.expression_is_true(weekly_report),
/// singular assert_positive_payments(fct_orders) and assert_orders_match(stg_orders, fct_orders).
/// Also: an empty model, a disabled model and a disabled source, and utils' own model and source.
///
/// Tests name resources by short aliases (`stg_orders`, `source:raw.orders`, `unique_customer_id`).
enum Shop {
    static let manifest: Manifest = {
        var manifest = Manifest(projectName: "shop", adapterType: "postgres")
        for node in nodes { manifest.nodes[node.uniqueID] = node }
        for source in sources { manifest.sources[source.uniqueID] = source }
        manifest.exposures[dashboard.uniqueID] = dashboard
        var disabledModel = model("disabled_model", in: "", dependsOn: [])
        disabledModel.config["enabled"] = false
        manifest.disabled[disabledModel.uniqueID] = [disabledModel]
        return manifest
    }()

    static let graph = SelectionGraph(manifest: manifest)

    /// Alias → unique id, for every enabled resource.
    static let ids: [String: String] = {
        var ids: [String: String] = [:]
        for node in nodes { ids[alias(of: node)] = node.uniqueID }
        for source in sources where source.isEnabled {
            ids["source:\(source.sourceName).\(source.name)"] = source.uniqueID
        }
        ids["exposure:weekly_dashboard"] = dashboard.uniqueID
        return ids
    }()

    static let aliases: [String: String] = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })

    static func aliases(_ uniqueIDs: Set<String>) -> Set<String> { Set(uniqueIDs.map { aliases[$0] ?? $0 }) }

    /// Every alias, for "everything but" expectations.
    static var all: Set<String> { Set(ids.keys) }

    // MARK: - Resources

    static let nodes: [ManifestNode] = {
        var stgCustomers = model(
            "stg_customers", in: "staging", tags: ["staging", "pii"], dependsOn: ["source.shop.raw.customers"]
        )
        stgCustomers.patchPath = "shop://models/staging/schema.yml"
        var stgOrders = model(
            "stg_orders", in: "staging", tags: ["staging"], dependsOn: ["source.shop.raw.orders"])
        stgOrders.patchPath = "shop://models/staging/schema.yml"
        let stgPayments = model(
            "stg_payments", in: "staging", tags: ["staging"], config: ["materialized": "table"],
            dependsOn: ["seed.shop.raw_payments"])
        let intOrderPayments = model(
            "int_order_payments", in: "intermediate", config: ["materialized": "ephemeral"],
            dependsOn: ["model.shop.stg_orders", "model.shop.stg_payments"])
        let dimCustomers = (1...3).map { version in
            var node = model(
                "dim_customers", in: "marts/core", version: version, config: ["group": "finance"],
                dependsOn: ["model.shop.stg_customers", "model.shop.int_order_payments"])
            node.patchPath = "shop://models/marts/core/core.yml"
            return node
        }
        var fctOrders = model(
            "fct_orders", in: "marts/core", tags: ["nightly"],
            config: [
                "materialized": "incremental", "group": "finance", "meta": ["owner": "finance"],
                "on_schema_change": "fail", "contract": ["enforced": true, "alias_types": true],
            ],
            dependsOn: ["model.shop.stg_orders", "model.shop.int_order_payments"])
        fctOrders.patchPath = "shop://models/marts/core/core.yml"
        fctOrders.access = "public"
        var customerSegments = model(
            "customer_segments", in: "marts/marketing", tags: ["nightly", "marketing"],
            config: ["group": "marketing"], dependsOn: ["model.shop.dim_customers.v2"])
        customerSegments.access = "private"
        var weeklyReport = model(
            "weekly_report", in: "reports",
            config: ["materialized": "table", "schema": "reports", "group": "marketing"],
            dependsOn: ["model.shop.fct_orders", "model.shop.customer_segments"])
        weeklyReport.patchPath = "shop://models/reports/reports.yml"
        var emptyModel = model("empty_model", in: "", dependsOn: [])
        emptyModel.rawCode = ""
        var utilsCalendar = model("utils_calendar", in: "", dependsOn: [])
        utilsCalendar.packageName = "utils"
        utilsCalendar.uniqueID = "model.utils.utils_calendar"
        utilsCalendar.fqn = ["utils", "utils_calendar"]

        var seed = node(
            .seed, "raw_payments", file: "seeds/raw_payments.csv", fqn: ["shop", "raw_payments"],
            dependsOn: [])
        seed.rawCode = ""
        let snapshot = node(
            .snapshot, "orders_snapshot", file: "snapshots/orders_snapshot.sql",
            fqn: ["shop", "orders_snapshot", "orders_snapshot"], dependsOn: ["model.shop.stg_orders"])
        let analysis = node(
            .analysis, "revenue", file: "analyses/revenue.sql", fqn: ["shop", "analysis", "revenue"],
            dependsOn: ["model.shop.fct_orders"])

        let tests = [
            genericTest(
                "unique_stg_customers_customer_id.c7614daada", test: "unique",
                file: "models/staging/schema.yml",
                folder: "staging", dependsOn: ["model.shop.stg_customers"]),
            genericTest(
                "not_null_stg_orders_order_id.81cfe2fe64", test: "not_null",
                file: "models/staging/schema.yml",
                folder: "staging", config: ["severity": "warn"], dependsOn: ["model.shop.stg_orders"]),
            genericTest(
                "relationships_fct_orders_customer_id__customer_id__ref_dim_customers_v_2_.0ec0e94a4e",
                test: "relationships", file: "models/marts/core/core.yml", folder: "marts/core",
                dependsOn: ["model.shop.dim_customers.v2", "model.shop.fct_orders"]),
            // A test on a source carries the source's tags.
            genericTest(
                "source_accepted_values_raw_orders_status__placed__shipped.d31132bbff",
                test: "accepted_values",
                file: "models/staging/sources.yml", folder: "staging", config: ["tags": ["orders", "raw"]],
                dependsOn: ["source.shop.raw.orders"]),
            genericTest(
                "utils_expression_is_true_weekly_report_total_0.0bb282755f", test: "expression_is_true",
                namespace: "utils", file: "models/reports/reports.yml", folder: "reports",
                dependsOn: ["model.shop.weekly_report"]),
            node(
                .test, "assert_positive_payments", file: "tests/assert_positive_payments.sql",
                fqn: ["shop", "assert_positive_payments"], dependsOn: ["model.shop.fct_orders"]),
            node(
                .test, "assert_orders_match", file: "tests/assert_orders_match.sql",
                fqn: ["shop", "assert_orders_match"],
                dependsOn: ["model.shop.stg_orders", "model.shop.fct_orders"]),
        ]
        return [
            stgCustomers, stgOrders, stgPayments, intOrderPayments, fctOrders, customerSegments, weeklyReport,
            emptyModel, utilsCalendar, seed, snapshot, analysis,
        ] + dimCustomers + tests
    }()

    static let sources: [SourceDefinition] = {
        func source(
            _ package: String, _ sourceName: String, _ table: String, file: String, fqn: [String],
            tags: [String]
        )
            -> SourceDefinition
        {
            var source = SourceDefinition(
                uniqueID: "source.\(package).\(sourceName).\(table)", packageName: package,
                sourceName: sourceName,
                name: table, identifier: table, schema: sourceName, path: file, originalFilePath: file,
                fqn: fqn)
            source.tags = tags
            return source
        }
        var legacy = source(
            "shop", "legacy", "accounts", file: "models/staging/sources.yml",
            fqn: ["shop", "staging", "legacy", "accounts"], tags: [])
        legacy.config["enabled"] = false
        return [
            source(
                "shop", "raw", "customers", file: "models/staging/sources.yml",
                fqn: ["shop", "staging", "raw", "customers"], tags: ["raw"]),
            source(
                "shop", "raw", "orders", file: "models/staging/sources.yml",
                fqn: ["shop", "staging", "raw", "orders"],
                tags: ["orders", "raw"]),
            source(
                "utils", "holidays", "dates", file: "models/sources.yml",
                fqn: ["utils", "holidays", "dates"], tags: []),
            legacy,
        ]
    }()

    static let dashboard: Exposure = {
        var exposure = Exposure(
            uniqueID: "exposure.shop.weekly_dashboard", name: "weekly_dashboard", packageName: "shop",
            path: "exposures.yml", originalFilePath: "models/exposures.yml",
            fqn: ["shop", "weekly_dashboard"],
            type: "dashboard")
        exposure.tags = ["dashboard"]
        exposure.dependsOn = DependsOn(nodes: ["model.shop.weekly_report", "model.shop.fct_orders"])
        return exposure
    }()

    // MARK: - Builders

    private static func alias(of node: ManifestNode) -> String {
        if node.resourceType == .test {
            let shortNames = [
                "unique": "unique_customer_id", "not_null": "not_null_order_id",
                "relationships": "relationships_customer_id", "accepted_values": "accepted_status",
                "expression_is_true": "expression_is_true",
            ]
            return node.testMetadata.flatMap { shortNames[$0.name] } ?? node.name
        }
        if let version = node.version?.intValue { return "\(node.name).v\(version)" }
        return node.name
    }

    private static func node(
        _ type: ResourceType, _ name: String, file: String, fqn: [String], config: ConfigValue = [:],
        dependsOn: [String]
    ) -> ManifestNode {
        let directory = file.split(separator: "/").first.map(String.init) ?? ""
        var node = ManifestNode(
            uniqueID: "\(type.rawValue).shop.\(name)", resourceType: type, packageName: "shop", name: name,
            path: String(file.dropFirst(directory.count + 1)), originalFilePath: file, fqn: fqn,
            rawCode: "select 1", checksum: FileChecksum(checksum: ""))
        node.config = config.mapValue ?? ConfigMap()
        node.dependsOn = DependsOn(nodes: dependsOn)
        return node
    }

    private static func model(
        _ name: String, in folder: String, version: Int? = nil, tags: [String] = [],
        config: ConfigValue = [:],
        dependsOn: [String]
    ) -> ManifestNode {
        let folders = folder.split(separator: "/").map(String.init)
        let fileName = version.map { "\(name)_v\($0)" } ?? name
        var fqn = ["shop"] + folders + [name]
        if let version { fqn.append("v\(version)") }
        var configuration = config.mapValue ?? ConfigMap()
        if !tags.isEmpty { configuration["tags"] = .list(tags.map { .string($0) }) }
        var node = self.node(
            .model, name, file: (["models"] + folders + ["\(fileName).sql"]).joined(separator: "/"), fqn: fqn,
            config: .map(configuration), dependsOn: dependsOn)
        if let version {
            node.uniqueID += ".v\(version)"
            node.version = .int(version)
            node.latestVersion = 2
        }
        node.group = configuration["group"]?.stringValue
        return node
    }

    private static func genericTest(
        _ idSuffix: String, test: String, namespace: String? = nil, file: String, folder: String,
        config: ConfigValue = [:], dependsOn: [String]
    ) -> ManifestNode {
        let name = String(idSuffix.split(separator: ".")[0])
        var node = self.node(
            .test, name, file: file, fqn: ["shop"] + folder.split(separator: "/").map(String.init) + [name],
            config: config, dependsOn: dependsOn)
        node.uniqueID = "test.shop.\(idSuffix)"
        node.testMetadata = TestMetadata(name: test, kwargs: ConfigMap(), namespace: namespace)
        node.rawCode = "{{ test_\(test)(**_dbt_generic_test_kwargs) }}"
        return node
    }
}
