
-- ============================================================================
-- snapshot.shop.orders_snapshot
-- snapshot analytics.orders_snapshot
-- ============================================================================
select 1;
drop table if exists "orders_snapshot__weir_tmp";
begin immediate;
create temp table "orders_snapshot__weir_tmp"
as
with snapshot_query as (
select id, amount from "warehouse"."analytics"."stg_orders"
),
snapshotted_data as (
select *, id as dbt_unique_key
from "analytics"."orders_snapshot"
where dbt_valid_to is null
),
insertions_source_data as (
select *, id as dbt_unique_key,
    updated_at as dbt_updated_at,
    updated_at as dbt_valid_from,
    coalesce(nullif(updated_at, updated_at), null) as dbt_valid_to,
    md5(id || '|' || updated_at) as dbt_scd_id
from snapshot_query
),
updates_source_data as (
select *, id as dbt_unique_key,
    updated_at as dbt_updated_at,
    updated_at as dbt_valid_from,
    updated_at as dbt_valid_to
from snapshot_query
),
deletes_source_data as (
select *, id as dbt_unique_key
from snapshot_query
),
insertions as (
select 'insert' as dbt_change_type, source_data.*
from insertions_source_data as source_data
left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
where snapshotted_data.dbt_unique_key is null
    or (snapshotted_data.dbt_unique_key is not null and ((snapshotted_data.dbt_valid_from < source_data.updated_at)))
),
updates as (
select 'update' as dbt_change_type, source_data.*, snapshotted_data.dbt_scd_id
from updates_source_data as source_data
join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
where ((snapshotted_data.dbt_valid_from < source_data.updated_at))
),
deletes as (
select 'delete' as dbt_change_type, source_data.*,
    now() as dbt_valid_from,
    now() as dbt_updated_at,
    now() as dbt_valid_to,
    snapshotted_data.dbt_scd_id
from snapshotted_data
left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
where source_data.dbt_unique_key is null
)
select * from insertions
union all
select * from updates
union all
select * from deletes;
update "analytics"."orders_snapshot" as weir_target
set dbt_valid_to = weir_staging.dbt_valid_to
from "orders_snapshot__weir_tmp" as weir_staging
where weir_staging.dbt_scd_id = weir_target.dbt_scd_id
  and weir_staging.dbt_change_type in ('update', 'delete')
  and weir_target.dbt_valid_to is null;
insert into "analytics"."orders_snapshot" ("id", "amount", "updated_at", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_scd_id")
select weir_staging."id", weir_staging."amount", weir_staging."updated_at", weir_staging."dbt_updated_at", weir_staging."dbt_valid_from", weir_staging."dbt_valid_to", weir_staging."dbt_scd_id"
from "orders_snapshot__weir_tmp" as weir_staging
where weir_staging.dbt_change_type = 'insert';
commit;
drop table if exists "orders_snapshot__weir_tmp";
