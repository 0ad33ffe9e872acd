
-- ============================================================================
-- model.shop.customers
-- sql incremental model analytics.customers
-- ============================================================================
begin immediate;
create table "analytics"."customers" (
    id integer not null check (id > 0),
    "Name" TEXT unique,
    region_id bigint references "regions" (id),
    primary key (id),
    constraint named_region check (region_id <> 0)
);
insert into "analytics"."customers" (id, "Name", region_id)
select id, "Name", region_id
from (
select id, "Name", region_id from "warehouse"."analytics"."stg_customers"
) as model_subq;
commit;
