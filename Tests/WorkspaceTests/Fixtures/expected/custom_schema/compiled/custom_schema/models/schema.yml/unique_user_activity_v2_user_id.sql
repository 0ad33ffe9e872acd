
    
    

select
    user_id as unique_field,
    count(*) as n_records

from "weir_fixtures"."analytics_reporting"."user_activity_v2"
where user_id is not null
group by user_id
having count(*) > 1


