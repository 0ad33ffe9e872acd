
    
    

select
    calendar_date as unique_field,
    count(*) as n_records

from "weir_fixtures"."analytics_shared_utils"."utils_calendar"
where calendar_date is not null
group by calendar_date
having count(*) > 1


