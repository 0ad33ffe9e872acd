{{ config({'materialized': 'table', 'alias': 'crm_accounts', 'tags': ['crm']}) }}

select
    account_id,
    account_name,
    '{{ target.name }}' as loaded_in_target,
    '{{ target.schema }}' as target_schema
from {{ source('crm', 'accounts') }}
