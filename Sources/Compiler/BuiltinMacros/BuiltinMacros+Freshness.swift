// Weir's built-in macro library, source freshness.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// The queries `weir source freshness` runs (`dbt` namespace).
    static let freshness: [BuiltinMacroFile] = [Freshness.collect]

    enum Freshness {
        /// `collect_freshness(source, loaded_at_field, filter)`: the newest `loaded_at_field` of the
        /// source's rows (those `filter` keeps) and the warehouse's clock, as one row of two values;
        /// `collect_freshness_custom_sql(source, loaded_at_query)` the same with the newest load
        /// time given by a query of the project's. Each returns its statement's result.
        static let collect = BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/freshness.sql",
            source: #"""
            {% macro collect_freshness(source, loaded_at_field, filter) %}
              {{ return(adapter.dispatch('collect_freshness', 'dbt')(source, loaded_at_field, filter))}}
            {% endmacro %}

            {% macro default__collect_freshness(source, loaded_at_field, filter) %}
              {% call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
                select
                  max({{ loaded_at_field }}) as max_loaded_at,
                  {{ current_timestamp() }} as snapshotted_at
                from {{ source }}
                {% if filter %}
                where {{ filter }}
                {% endif %}
              {% endcall %}
              {{ return(load_result('collect_freshness')) }}
            {% endmacro %}

            {% macro collect_freshness_custom_sql(source, loaded_at_query) %}
              {{ return(adapter.dispatch('collect_freshness_custom_sql', 'dbt')(source, loaded_at_query))}}
            {% endmacro %}

            {% macro default__collect_freshness_custom_sql(source, loaded_at_query) %}
              {% call statement('collect_freshness_custom_sql', fetch_result=True, auto_begin=False) -%}
              with source_query as (
                {{ loaded_at_query }}
              )
              select
                (select * from source_query) as max_loaded_at,
                {{ current_timestamp() }} as snapshotted_at
              {% endcall %}
              {{ return(load_result('collect_freshness_custom_sql')) }}
            {% endmacro %}
            """#)
    }
}
