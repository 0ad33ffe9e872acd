
    
    

select
    customer_id as unique_field,
    count(*) as n_records

from "weir_fixtures"."analytics"."dim_customers_v1"
where customer_id is not null
group by customer_id
having count(*) > 1


