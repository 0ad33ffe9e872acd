
-- ============================================================================
-- snapshot.shop.orders_snapshot
-- snapshot analytics.orders_snapshot
-- ============================================================================
select 1;
create table "analytics"."orders_snapshot"
as
select *,
    md5(id || '|' || updated_at) as dbt_scd_id,
    updated_at as dbt_updated_at,
    updated_at as dbt_valid_from,
    coalesce(nullif(updated_at, updated_at), null) as dbt_valid_to
from (
select id, amount from "warehouse"."analytics"."stg_orders"
) as weir_snapshot_query;
