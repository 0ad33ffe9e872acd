with source as (

    select * from "weir_fixtures"."analytics_raw"."raw_customers"

),

countries as (

    select * from "weir_fixtures"."analytics_raw"."country_codes"

)

select
    source.customer_id,
    source.first_name || ' ' || source.last_name as full_name,
    lower(source.email) as email,
    source.country_code,
    countries.region,
    source.signup_date
from source
left join countries
    on source.country_code = countries.country_code
where source.signup_date >= '2024-01-01'