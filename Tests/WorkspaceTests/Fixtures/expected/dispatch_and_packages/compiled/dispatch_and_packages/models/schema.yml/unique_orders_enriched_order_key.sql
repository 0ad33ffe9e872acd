
    
    

select
    order_key as unique_field,
    count(*) as n_records

from "weir_fixtures"."analytics"."orders_enriched"
where order_key is not null
group by order_key
having count(*) > 1


