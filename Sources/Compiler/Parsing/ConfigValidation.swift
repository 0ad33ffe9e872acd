import ProjectModel

/// The type checks dbt's config classes make while parsing, with dbt's messages.
enum ConfigValidation {
    /// The first problem with `config`, or nil when it is valid.
    static func problem(in config: ConfigMap, for type: ResourceType) -> String? {
        let className: String
        switch type {
        case .seed: className = "SeedConfig"
        case .test: className = "TestConfig"
        case .snapshot: className = "SnapshotConfig"
        default: className = "ModelConfig"
        }
        func invalid(_ key: String, _ typeName: String, _ value: ConfigValue) -> String {
            "Field \"\(key)\" of type \(typeName) in \(className) has invalid value \(value.jinjaValue.pyRepr)"
        }
        for (key, value) in config {
            switch key {
            case "persist_docs", "meta", "grants", "quoting", "column_types", "contract":
                if value.mapValue == nil, !value.isNull { return invalid(key, "Dict[str, Any]", value) }
            case "enabled":
                if value.boolValue == nil { return invalid(key, "bool", value) }
            case "full_refresh":
                if value.boolValue == nil, !value.isNull { return invalid(key, "Optional[bool]", value) }
            case "column_contract":
                guard let mode = value.stringValue, ColumnContractMode(rawValue: mode) != nil else {
                    return "column_contract must be 'enforce', 'warn' or 'off' (found \(value.jinjaValue.pyRepr))"
                }
            case "materialized":
                if value.stringValue == nil { return invalid(key, "str", value) }
            case "tags":
                if value.stringList == nil { return invalid(key, "Union[List[str], str]", value) }
            case "docs":
                guard let docs = value.mapValue else { return invalid(key, "Docs", value) }
                if let show = docs["show"], show.boolValue == nil { return invalid("docs.show", "bool", show) }
                if let color = docs["node_color"]?.stringValue, !isValidColor(color) {
                    return "Invalid color name for docs.node_color: \(color). It is neither a valid HTML color name nor a valid HEX code."
                }
            default: continue
            }
        }
        if type == .snapshot, config["enabled"]?.isTruthy ?? true { return snapshotProblem(in: config) }
        return nil
    }

    /// What dbt's `SnapshotConfig.final_validate` refuses, in its words: a snapshot must say how
    /// it tells rows apart and how it sees that one changed.
    static func snapshotProblem(in config: ConfigMap) -> String? {
        let strategy = config["strategy"]
        guard strategy?.isTruthy == true, config["unique_key"]?.isTruthy == true else {
            return "Snapshots must be configured with a 'strategy' and 'unique_key'."
        }
        let checkColumns = config["check_cols"]
        switch strategy?.stringValue {
        case "check":
            guard let checkColumns, checkColumns.isTruthy else {
                return "A snapshot configured with the check strategy must specify a check_cols configuration."
            }
            if let text = checkColumns.stringValue, text != "all" {
                return "Invalid value for 'check_cols': \(text). Expected 'all' or a list of strings."
            }
        case "timestamp":
            guard config["updated_at"]?.isTruthy == true else {
                return "A snapshot configured with the timestamp strategy must specify an updated_at configuration."
            }
            if checkColumns?.isTruthy == true { return "A 'timestamp' snapshot should not have 'check_cols'" }
        default:
            break  // a custom strategy's macro: dbt checks nothing more (Weir's run refuses it, W1309)
        }
        if let materialized = config["materialized"]?.stringValue, !materialized.isEmpty, materialized != "snapshot" {
            return "A snapshot must have a materialized value of 'snapshot'"
        }
        return nil
    }

    static func isValidColor(_ text: String) -> Bool {
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            return (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
        }
        return htmlColorNames.contains(text.lowercased())
    }

    /// The CSS/HTML named colours dbt accepts.
    static let htmlColorNames: Set<String> = Set(
        """
        aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
        cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
        darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon
        darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray
        dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green
        greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon
        lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon
        lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta
        maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen
        mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive
        olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru
        pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen
        seashell sienna silver skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato
        turquoise violet wheat white whitesmoke yellow yellowgreen
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
