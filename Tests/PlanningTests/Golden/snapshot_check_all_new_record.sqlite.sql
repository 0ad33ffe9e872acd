
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
select *, region as dbt_unique_key_1, id as dbt_unique_key_2
from "analytics"."orders_snapshot"
where (dbt_valid_to = '9999-12-31' or dbt_valid_to is null)
),
insertions_source_data as (
select *, region as dbt_unique_key_1, id as dbt_unique_key_2,
    now() as dbt_updated_at,
    now() as dbt_valid_from,
    coalesce(nullif(now(), now()), '9999-12-31') as dbt_valid_to,
    md5(region || '|' || id || '|' || now()) as scd_id
from snapshot_query
),
updates_source_data as (
select *, region as dbt_unique_key_1, id as dbt_unique_key_2,
    now() as dbt_updated_at,
    now() as dbt_valid_from,
    now() as dbt_valid_to
from snapshot_query
),
deletes_source_data as (
select *, region as dbt_unique_key_1, id as dbt_unique_key_2
from snapshot_query
),
insertions as (
select 'insert' as dbt_change_type, source_data.*, 'False' as deleted
from insertions_source_data as source_data
left outer join snapshotted_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
where snapshotted_data.dbt_unique_key_1 is null
    or (snapshotted_data.dbt_unique_key_1 is not null and ((TRUE) or snapshotted_data.deleted = 'True'))
),
updates as (
select 'update' as dbt_change_type, source_data.*, snapshotted_data.scd_id, snapshotted_data.deleted
from updates_source_data as source_data
join snapshotted_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
where ((TRUE) or snapshotted_data.deleted = 'True')
),
deletes as (
select 'delete' as dbt_change_type, source_data.*,
    now() as dbt_valid_from,
    now() as dbt_updated_at,
    now() as dbt_valid_to,
    snapshotted_data.scd_id, snapshotted_data.deleted
from snapshotted_data
left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
where source_data.dbt_unique_key_1 is null
    and not (snapshotted_data.deleted = 'True' and snapshotted_data.dbt_valid_to = '9999-12-31')
),
deletion_records as (
select 'insert' as dbt_change_type,
    snapshotted_data."region",
    snapshotted_data."id",
    snapshotted_data."amount",
    source_data."note",
    snapshotted_data.region as dbt_unique_key_1,
    snapshotted_data.id as dbt_unique_key_2,
    now() as dbt_valid_from,
    now() as dbt_updated_at,
    snapshotted_data.dbt_valid_to as dbt_valid_to,
    md5(scd_id || '|' || now()) as scd_id,
    'True' as deleted
from snapshotted_data
left join deletes_source_data as source_data on snapshotted_data.dbt_unique_key_1 = source_data.dbt_unique_key_1 and snapshotted_data.dbt_unique_key_2 = source_data.dbt_unique_key_2
where source_data.dbt_unique_key_1 is null
    and not (snapshotted_data.deleted = 'True' and snapshotted_data.dbt_valid_to = '9999-12-31')
)
select * from insertions
union all
select * from updates
union all
select * from deletes
union all
select * from deletion_records;
alter table "analytics"."orders_snapshot" add column "note" text;
update "analytics"."orders_snapshot" as weir_target
set dbt_valid_to = weir_staging.dbt_valid_to
from "orders_snapshot__weir_tmp" as weir_staging
where weir_staging.scd_id = weir_target.scd_id
  and weir_staging.dbt_change_type in ('update', 'delete')
  and (weir_target.dbt_valid_to = '9999-12-31' or weir_target.dbt_valid_to is null);
insert into "analytics"."orders_snapshot" ("region", "id", "amount", "note", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "scd_id", "deleted")
select weir_staging."region", weir_staging."id", weir_staging."amount", weir_staging."note", weir_staging."dbt_updated_at", weir_staging."dbt_valid_from", weir_staging."dbt_valid_to", weir_staging."scd_id", weir_staging."deleted"
from "orders_snapshot__weir_tmp" as weir_staging
where weir_staging.dbt_change_type = 'insert';
commit;
drop table if exists "orders_snapshot__weir_tmp";
