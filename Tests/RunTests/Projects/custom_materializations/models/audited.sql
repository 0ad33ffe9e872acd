{{ config(
    materialized='audited_table',
    pre_hook=[
        {"sql": "insert into {{ this.schema }}.audit_log (step, note) values ({{ var('step', 1) }}, 'before begin')", "transaction": false},
        "insert into {{ this.schema }}.audit_log (step, note) values ({{ var('step', 1) }}, 'pre-hook of {{ this.identifier }}')",
    ],
    post_hook=[
        "insert into {{ this.schema }}.audit_log (step, note) values ({{ var('step', 1) }}, 'post-hook')",
        {"sql": "insert into {{ this.schema }}.audit_log (step, note) values ({{ var('step', 1) }}, 'after commit')", "transaction": false},
    ],
) }}
select kind, count(*) as n from {{ ref('events') }} group by kind
