with source as (

    select * from {{ ref('raw_customers') }}

),

countries as (

    select * from {{ ref('country_codes') }}

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
where source.signup_date >= '{{ var("start_date") }}'
