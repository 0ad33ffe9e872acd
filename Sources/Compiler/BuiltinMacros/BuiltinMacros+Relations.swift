// Weir's built-in macro library, loading relations.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Loading a relation from the warehouse's catalog (`dbt` namespace).
    static let relations: [BuiltinMacroFile] = [Relations.load]

    enum Relations {
        /// `load_cached_relation(relation)` and its old name `load_relation(relation)`: the relation as
        /// `adapter.get_relation` finds it, or none (packages such as dbt-utils call them).
        static let load = BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/relation.sql",
            source: #"""
            {% macro load_cached_relation(relation) %}
              {% do return(adapter.get_relation(
                database=relation.database,
                schema=relation.schema,
                identifier=relation.identifier
              )) -%}
            {% endmacro %}

            {#- The old name, kept by dbt for packages that still call it. -#}
            {% macro load_relation(relation) %}
                {{ return(load_cached_relation(relation)) }}
            {% endmacro %}
            """#)
    }
}
