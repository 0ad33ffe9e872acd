
    
    

with all_values as (

    select
        status_code as value_field,
        count(*) as n_records

    from "weir_fixtures"."analytics_staging"."stg_payments"
    group by status_code

)

select *
from all_values
where value_field not in (
    1,2,3
)


