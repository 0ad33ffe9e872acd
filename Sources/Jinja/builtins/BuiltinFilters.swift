/// Jinja2 3.1's built-in filters (`jinja2.filters.FILTERS`), with Jinja2's names and parameter
/// names so keyword arguments bind the same way.
///
/// The implementations live in `BuiltinFilters+*.swift`, grouped by what they work on. With no
/// `Markup` type and autoescaping off (dbt's setting), `safe` returns its input and `escape`
/// always escapes; see COMPATIBILITY.md.
enum BuiltinFilters {
    static let all: [String: Filter] = [
        "abs": abs,
        "attr": attr,
        "batch": batch,
        "capitalize": capitalize,
        "center": center,
        "count": length,
        "d": `default`,
        "default": `default`,
        "dictsort": dictsort,
        "e": escape,
        "escape": escape,
        "filesizeformat": filesizeformat,
        "first": first,
        "float": float,
        "forceescape": forceescape,
        "format": format,
        "groupby": groupby,
        "indent": indent,
        "int": int,
        "items": items,
        "join": join,
        "last": last,
        "length": length,
        "list": list,
        "lower": lower,
        "map": map,
        "max": max,
        "min": min,
        "pprint": pprint,
        "random": random,
        "reject": reject,
        "rejectattr": rejectattr,
        "replace": replace,
        "reverse": reverse,
        "round": round,
        "safe": safe,
        "select": select,
        "selectattr": selectattr,
        "slice": slice,
        "sort": sort,
        "string": string,
        "striptags": striptags,
        "sum": sum,
        "title": title,
        "tojson": tojson,
        "trim": trim,
        "truncate": truncate,
        "unique": unique,
        "upper": upper,
        "urlencode": urlencode,
        "urlize": urlize,
        "wordcount": wordcount,
        "wordwrap": wordwrap,
        "xmlattr": xmlattr,
    ]

    /// Binds a filter's arguments (not counting the filtered value) to Jinja2's parameter names.
    static func bind(
        _ arguments: Arguments, _ names: [String], _ defaults: KeyValuePairs<String, Value> = [:], _ function: String
    ) throws -> BoundArguments {
        try arguments.bind(names, defaults: defaults, function: function)
    }
}
