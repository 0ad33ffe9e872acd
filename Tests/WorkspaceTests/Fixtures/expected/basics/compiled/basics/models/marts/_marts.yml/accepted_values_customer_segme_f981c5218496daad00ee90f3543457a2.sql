
    
    

with all_values as (

    select
        segment as value_field,
        count(*) as n_records

    from "weir_fixtures"."analytics_marketing"."customer_segments"
    group by segment

)

select *
from all_values
where value_field not in (
    'loyal','active','prospect'
)


