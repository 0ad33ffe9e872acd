// Weir's built-in macro library, name generation.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Where a node is built: the schema, alias and database name macros the compiler calls with `(custom_name, node)`.
    static let nameGeneration: [BuiltinMacroFile] = [
        NameGeneration.schemaName,
        NameGeneration.aliasName,
        NameGeneration.databaseName,
    ]

    enum NameGeneration {
        /// `generate_schema_name` and `generate_schema_name_for_env`.
        static let schemaName = BuiltinMacroFile(
            package: "dbt", path: "macros/get_custom_name/get_custom_schema.sql",
            source: #"""
            {#- The compiler calls generate_schema_name(custom_schema_name, node) for every node; a project may override it.
                By default a custom schema is appended to the target's schema: <target.schema>_<custom>. -#}
            {% macro generate_schema_name(custom_schema_name=none, node=none) -%}
                {{ return(adapter.dispatch('generate_schema_name', 'dbt')(custom_schema_name, node)) }}
            {%- endmacro %}

            {% macro default__generate_schema_name(custom_schema_name, node) -%}
                {%- set default_schema = target.schema -%}
                {%- if custom_schema_name is none -%}
                    {{ default_schema }}
                {%- else -%}
                    {{ default_schema }}_{{ custom_schema_name | trim }}
                {%- endif -%}
            {%- endmacro %}

            {#- An alternative a project can opt into: the custom schema as given when the target is named prod,
                the target's schema everywhere else. -#}
            {% macro generate_schema_name_for_env(custom_schema_name, node) -%}
                {%- set default_schema = target.schema -%}
                {%- if target.name == 'prod' and custom_schema_name is not none -%}
                    {{ custom_schema_name | trim }}
                {%- else -%}
                    {{ default_schema }}
                {%- endif -%}
            {%- endmacro %}
            """#)

        /// `generate_alias_name`.
        static let aliasName = BuiltinMacroFile(
            package: "dbt", path: "macros/get_custom_name/get_custom_alias.sql",
            source: #"""
            {#- The relation name: the custom alias when one is configured, else the node's name, with _v<version>
                (dots made underscores) for a versioned model. -#}
            {% macro generate_alias_name(custom_alias_name=none, node=none) -%}
                {% do return(adapter.dispatch('generate_alias_name', 'dbt')(custom_alias_name, node)) %}
            {%- endmacro %}

            {% macro default__generate_alias_name(custom_alias_name=none, node=none) -%}
                {%- if custom_alias_name -%}
                    {{ custom_alias_name | trim }}
                {%- elif node.version -%}
                    {{ return(node.name ~ "_v" ~ (node.version | replace(".", "_"))) }}
                {%- else -%}
                    {{ node.name }}
                {%- endif -%}
            {%- endmacro %}
            """#)

        /// `generate_database_name`.
        static let databaseName = BuiltinMacroFile(
            package: "dbt", path: "macros/get_custom_name/get_custom_database.sql",
            source: #"""
            {#- The database: a catalog integration's database when the node's catalog relation names one, otherwise the
                custom database when configured, otherwise the target's. -#}
            {% macro generate_database_name(custom_database_name=none, node=none) -%}
                {% do return(adapter.dispatch('generate_database_name', 'dbt')(custom_database_name, node)) %}
            {%- endmacro %}

            {% macro default__generate_database_name(custom_database_name=none, node=none) -%}
                {%- set default_database = target.database -%}
                {%- if node is not none and node | attr('database') -%}
                    {%- set catalog_relation = adapter.build_catalog_relation(node) -%}
                    {%- if catalog_relation and catalog_relation | attr('catalog_database') -%}
                        {{ return(catalog_relation.catalog_database) }}
                    {%- endif -%}
                {%- endif -%}
                {%- if custom_database_name is none -%}
                    {{ default_database }}
                {%- else -%}
                    {{ custom_database_name }}
                {%- endif -%}
            {%- endmacro %}
            """#)
    }
}
