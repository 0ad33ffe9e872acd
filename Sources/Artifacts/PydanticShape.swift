/// One of dbt-semantic-interfaces' pydantic (v1) classes, as far as parsing a manifest entry
/// into it and printing it goes: the fields it keeps, in its order, each with the default that
/// stands for a missing one; anything else in the entry is dropped.
indirect enum PydanticShape {
    /// A `str`, `int`, `bool`, enum or `Dict[str, Any]` field: written as given.
    case value
    case list(PydanticShape)
    case model([Field], normalize: ((inout JSONObject) -> Void)? = nil)

    struct Field {
        var name: String
        var shape: PydanticShape
        var missing: JSONValue
    }

    /// The class parsed from `value` and printed.
    func apply(to value: JSONValue) -> JSONValue {
        switch (self, value) {
        case (.list(let item), .array(let items)): return .array(items.map(item.apply))
        case (.model(let fields, let normalize), .object(var input)):
            normalize?(&input)
            var object = JSONObject()
            for field in fields { object[field.name] = input[field.name].map(field.shape.apply) ?? field.missing }
            return .object(object)
        default: return value
        }
    }
}

/// A field of a pydantic class (`missing`: the class's default, `None` unless said).
private func field(_ name: String, _ shape: PydanticShape = .value, missing: JSONValue = .null) -> PydanticShape.Field {
    PydanticShape.Field(name: name, shape: shape, missing: missing)
}

extension PydanticShape {
    /// `PydanticSemanticLayerElementConfig`.
    static let elementConfig = PydanticShape.model([field("meta", missing: [:])])
    /// `PydanticMetadata`.
    static let metadata = PydanticShape.model([
        field("repo_file_path"),
        field("file_slice", .model([field("filename"), field("content"), field("start_line_number"), field("end_line_number")])),
    ])
    static let nodeRelation = PydanticShape.model([
        field("alias"), field("schema_name"), field("database"), field("relation_name", missing: ""),
    ])
    static let whereFilter = PydanticShape.model([field("where_filters", .list(.model([field("where_sql_template")])))])
    static let timeWindow = PydanticShape.model([field("count"), field("granularity")])

    static let semanticModel = PydanticShape.model([
        field("name"),
        field("defaults", .model([field("agg_time_dimension")])),
        field("description"),
        field("node_relation", nodeRelation),
        field("primary_entity"),
        field("entities", .list(entity), missing: []),
        field("measures", .list(measure), missing: []),
        field("dimensions", .list(dimension), missing: []),
        field("label"),
        field("metadata", metadata),
        field("config", elementConfig),
    ])
    static let entity = PydanticShape.model([
        field("name"), field("description"), field("type"), field("role"), field("expr"), field("metadata", metadata),
        field("label"), field("config", elementConfig),
    ])
    static let measure = PydanticShape.model([
        field("name"), field("agg"), field("description"), field("create_metric"), field("expr"),
        field("agg_params", .model([
            field("percentile"), field("use_discrete_percentile", missing: false),
            field("use_approximate_percentile", missing: false),
        ])),
        field("metadata", metadata),
        field("non_additive_dimension", .model([
            field("name"), field("window_choice", missing: "min"), field("window_groupings"),
        ])),
        field("agg_time_dimension"), field("label"), field("config", elementConfig),
    ])
    static let dimension = PydanticShape.model([
        field("name"), field("description"), field("type"), field("is_partition", missing: false),
        field("type_params", .model([
            field("time_granularity"),
            field("validity_params", .model([field("is_start", missing: false), field("is_end", missing: false)])),
        ])),
        field("expr"), field("metadata", metadata), field("label"), field("config", elementConfig),
    ])

    static let inputMeasure = PydanticShape.model([
        field("name"), field("filter", whereFilter), field("alias"), field("join_to_timespine", missing: false),
        field("fill_nulls_with"),
    ])
    /// `PydanticMetricInput`, whose `offset_to_grain` `PydanticMetric.parse_obj` lowercases.
    static let metricInput = PydanticShape.model([
        field("name"), field("filter", whereFilter), field("alias"), field("offset_window", timeWindow),
        field("offset_to_grain"),
    ], normalize: { input in
        if case .string(let grain)? = input["offset_to_grain"] { input["offset_to_grain"] = .string(grain.lowercased()) }
    })
    static let metric = PydanticShape.model([
        field("name"), field("description"), field("type"),
        field("type_params", .model([
            field("measure", inputMeasure),
            field("numerator", metricInput),
            field("denominator", metricInput),
            field("expr"),
            field("window", timeWindow),
            field("grain_to_date"),
            field("metrics", .list(metricInput)),
            field("conversion_type_params", .model([
                field("base_measure", inputMeasure), field("conversion_measure", inputMeasure), field("entity"),
                field("calculation", missing: "conversion_rate"), field("window", timeWindow),
                field("constant_properties", .list(.model([field("base_property"), field("conversion_property")]))),
            ])),
            field("cumulative_type_params", .model([
                field("window", timeWindow), field("grain_to_date"), field("period_agg", missing: "first"),
            ], normalize: { input in
                // `PydanticMetric.parse_obj` lowercases a cumulative metric's grain to date.
                if case .string(let grain)? = input["grain_to_date"] { input["grain_to_date"] = .string(grain.lowercased()) }
            })),
            field("input_measures", .list(inputMeasure)),
        ])),
        field("filter", whereFilter), field("metadata", metadata), field("label"), field("config", elementConfig),
        field("time_granularity"),
    ])

    /// `PydanticSavedQuery`, whose `parse_obj` makes `tags` a sorted list.
    static let savedQuery = PydanticShape.model([
        field("name"),
        field("query_params", .model([
            field("metrics"), field("group_by"), field("order_by"), field("limit"), field("where", whereFilter),
        ])),
        field("description"), field("metadata", metadata), field("label"),
        field("exports", .list(.model([
            field("name"),
            field("config", .model([field("export_as"), field("schema_name"), field("alias")])),
        ])), missing: []),
        field("tags", missing: []),
    ], normalize: { input in
        switch input["tags"] {
        case .string(let tag)?: input["tags"] = .array([.string(tag)])
        case .array(let tags)?:
            let names = tags.compactMap(\.stringValue)
            if names.count == tags.count { input["tags"] = .strings(names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }) }
        default: break
        }
    })
}
