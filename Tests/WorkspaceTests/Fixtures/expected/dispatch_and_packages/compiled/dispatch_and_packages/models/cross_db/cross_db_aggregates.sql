select
    customer_id,
    (array_agg(customer_email))[1] as any_email,
    bool_or(is_gift) as ever_sent_a_gift,
    
    string_agg(
        status,
        ','
        
        ) as statuses,
    
    string_agg(
        status,
        ', '
        order by ordered_at
        ) as statuses_in_order,
    array_to_string(
        (array_agg(
            id::text
            order by ordered_at desc
        ))[1:3],
        '|'
        ) as last_three_orders
from "weir_fixtures"."raw_app"."orders"
group by customer_id