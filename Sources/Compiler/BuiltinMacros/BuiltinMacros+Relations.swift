// Weir's built-in macro library, loading and naming relations.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// Loading a relation from the warehouse's catalog, and the names materializations give
    /// their working relations (`dbt` namespace).
    static let relations: [BuiltinMacroFile] = [Relations.load]

    enum Relations {
        /// `load_cached_relation(relation)` and its old name `load_relation(relation)`: the relation as
        /// `adapter.get_relation` finds it, or none (packages such as dbt-utils call them); and the
        /// names of the intermediate, temporary and backup relations a materialization works with.
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

            {#- The relation a materialization builds before it takes the target's name. -#}
            {% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') %}
              {{ return(adapter.dispatch('make_intermediate_relation', 'dbt')(base_relation, suffix)) }}
            {% endmacro %}

            {% macro default__make_intermediate_relation(base_relation, suffix) %}
              {{ return(default__make_temp_relation(base_relation, suffix)) }}
            {% endmacro %}

            {#- A microbatch batch's temporary relation carries the batch's id, so batches never share one. -#}
            {% macro make_temp_relation(base_relation, suffix='__dbt_tmp') %}
              {% if suffix == '__dbt_tmp' and model.batch %}
                {% set suffix = suffix ~ '_' ~ model.batch.id %}
              {% endif %}
              {{ return(adapter.dispatch('make_temp_relation', 'dbt')(base_relation, suffix)) }}
            {% endmacro %}

            {% macro default__make_temp_relation(base_relation, suffix) %}
              {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix})) }}
            {% endmacro %}

            {#- Where the relation being replaced is kept until its successor is in place. -#}
            {% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') %}
              {{ return(adapter.dispatch('make_backup_relation', 'dbt')(base_relation, backup_relation_type, suffix)) }}
            {% endmacro %}

            {% macro default__make_backup_relation(base_relation, backup_relation_type, suffix) %}
              {{ return(base_relation.incorporate(path={"identifier": base_relation.identifier ~ suffix}, type=backup_relation_type)) }}
            {% endmacro %}
            """#)
    }
}
