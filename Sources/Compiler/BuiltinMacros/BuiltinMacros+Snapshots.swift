// Weir's built-in macro library, the parts of a snapshot a project may override.
// The Jinja below is rendered by the compiler; what it outputs must match dbt's macros byte for byte
// (Scripts/check_builtin_macros.py checks that). Whitespace inside the sources is significant.

extension BuiltinMacros {
    /// The expressions Weir's snapshot materialization takes from macros, as dbt's does, so that a
    /// project's own `snapshot_hash_arguments` or `snapshot_get_time` (with the timestamps) is
    /// used: the hash of its scd ids and the time it records. The rest of the materialization is
    /// Weir's (Planning).
    static let snapshots: [BuiltinMacroFile] = [Snapshots.hash, Snapshots.sqlite]

    enum Snapshots {
        /// `snapshot_hash_arguments`.
        static let hash = BuiltinMacroFile(
            package: "dbt", path: "macros/materializations/snapshots/strategies.sql",
            source: #"""
            {#- A snapshot row's scd id: the md5 of its unique key and its time, each as text, joined by '|'. -#}
            {% macro snapshot_hash_arguments(args) -%}
              {{ adapter.dispatch('snapshot_hash_arguments', 'dbt')(args) }}
            {%- endmacro %}

            {% macro default__snapshot_hash_arguments(args) -%}
                md5({%- for arg in args -%}
                    coalesce(cast({{ arg }} as varchar ), '')
                    {% if not loop.last %} || '|' || {% endif %}
                {%- endfor -%})
            {%- endmacro %}
            """#)

        /// `sqlite__snapshot_hash_arguments`.
        static let sqlite = BuiltinMacroFile(
            package: "dbt_sqlite", path: "macros/materializations/snapshot/strategies.sql",
            source: #"""
            {#- Our own: dbt-sqlite takes hex(md5(...)), upper case; lower case gives the same scd ids as PostgreSQL's
                md5(), so a snapshot's rows compare across the two. Weir registers md5() on its SQLite connections. -#}
            {% macro sqlite__snapshot_hash_arguments(args) -%}
                lower(hex(md5({%- for arg in args -%}
                    coalesce(cast({{ arg }} as varchar ), '')
                    {% if not loop.last %} || '|' || {% endif %}
                {%- endfor -%})))
            {%- endmacro %}
            """#)
    }
}
