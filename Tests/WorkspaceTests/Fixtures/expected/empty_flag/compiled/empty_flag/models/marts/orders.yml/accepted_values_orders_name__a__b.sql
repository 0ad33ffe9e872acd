
    
    

with all_values as (

    select
        name as value_field,
        count(*) as n_records

    from (select * from "weir_fixtures"."analytics"."orders" where false limit 0) _dbt_limit_subq_orders
    group by name

)

select *
from all_values
where value_field not in (
    'a','b'
)


