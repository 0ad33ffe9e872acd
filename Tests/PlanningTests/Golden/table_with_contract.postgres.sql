
-- ============================================================================
-- model.shop.customers
-- sql table model analytics.customers
-- ============================================================================
create table "warehouse"."analytics"."customers__weir_tmp" (
    id integer not null check (id > 0),
    "Name" TEXT unique,
    region_id bigint references "regions" (id),
    primary key (id),
    constraint named_region check (region_id <> 0)
);
insert into "warehouse"."analytics"."customers__weir_tmp" (id, "Name", region_id)
(
select id, "Name", region_id
from (
select id, "Name", region_id from "warehouse"."analytics"."stg_customers"
) as model_subq
);
begin;
alter table "warehouse"."analytics"."customers__weir_tmp" rename to "customers";
commit;
