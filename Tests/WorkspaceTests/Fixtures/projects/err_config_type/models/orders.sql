{# persist_docs must be a mapping such as {'relation': true}; a boolean is rejected at parse time. #}
{{ config(materialized='table', persist_docs=true) }}

select 1 as order_id, 10 as amount
