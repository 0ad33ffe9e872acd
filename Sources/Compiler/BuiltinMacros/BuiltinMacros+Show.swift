// Weir's built-in macro library: the query `weir show` runs for a node, as dbt's `show.sql` writes it.

extension BuiltinMacros {
    /// `get_show_sql(compiled_code, sql_header, limit)`: the header, then the query with its limit
    /// (`adapter.dispatch('get_limit_sql')`, which a project may override: `fetch first n rows`...).
    static let show: [BuiltinMacroFile] = [
        BuiltinMacroFile(
            package: "dbt", path: "macros/adapters/show.sql",
            source: #"""
            {% macro get_show_sql(compiled_code, sql_header, limit) -%}
            {{ sql_header if sql_header is not none }}
              {{ get_limit_subquery_sql(compiled_code, limit) }}
            {% endmacro %}

            {% macro get_limit_subquery_sql(sql, limit) -%}
              {{- adapter.dispatch('get_limit_sql', 'dbt')(sql, limit) -}}
            {%- endmacro %}

            {% macro default__get_limit_sql(sql, limit) %}
              {{ sql }}
              {{ '\n  limit ' ~ limit if limit is not none }}
            {%- endmacro %}
            """#)
    ]
}
