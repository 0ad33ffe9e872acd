

select
    account_id,
    account_name,
    'dev' as loaded_in_target,
    'analytics' as target_schema
from "weir_fixtures"."raw_crm"."accounts"