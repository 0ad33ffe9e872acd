{#- Grants, indexes and comments are PostgreSQL's: on SQLite the block builds the rows alone. -#}
{{ config(
    materialized='documented_table',
    grants=({'select': ['weir_reader'] if var('step', 1) == 1 else ['weir_auditor']} if target.type == 'postgres' else {}),
    indexes=([{'columns': ['id'], 'unique': true}, {'columns': ['label'], 'type': 'hash'}] if target.type == 'postgres' else []),
    persist_docs=({'relation': true, 'columns': true} if target.type == 'postgres' else {}),
) }}
select {{ var('step', 1) }} as id, 'step {{ var('step', 1) }}' as label
