
    
    

with all_values as (

    select
        region as value_field,
        count(*) as n_records

    from "weir_fixtures"."analytics_staging"."stg_customers"
    group by region

)

select *
from all_values
where value_field not in (
    'EMEA','AMER','APAC'
)


