select
    id,
    

    ordered_at + ((interval '1 day') * (7))

 as due_at,
    

    '2024-03-31'::date + ((interval '1 month') * (-1))

 as one_month_earlier,
    
        ((shipped_at)::date - (ordered_at)::date)
     as days_to_ship,
    
        (
        ((shipped_at)::date - (ordered_at)::date)
     * 24 + date_part('hour', (shipped_at)::timestamp) - date_part('hour', (ordered_at)::timestamp))
     as hours_to_ship,
    
        (
        (('2024-12-31'::date)::date - ('2024-01-01'::date)::date)
     / 7 + case
            when date_part('dow', ('2024-01-01'::date)::timestamp) <= date_part('dow', ('2024-12-31'::date)::timestamp) then
                case when '2024-01-01'::date <= '2024-12-31'::date then 0 else -1 end
            else
                case when '2024-01-01'::date <= '2024-12-31'::date then 1 else 0 end
        end)
     as weeks_in_2024,
    date_trunc('month', ordered_at) as order_month,
    cast(
        

    

    date_trunc('month', ordered_at) + ((interval '1 month') * (1))

 + ((interval '1 day') * (-1))


        as date) as month_end,
    -- postgres dateadd does not support quarter interval.
    cast(
        

    

    date_trunc('quarter', ordered_at) + ((interval '1 month') * (3))

 + ((interval '1 day') * (-1))


        as date) as quarter_end,
    now() as loaded_at,
    to_date('2024-02-29', 'YYYY-MM-DD') as leap_day
from "weir_fixtures"."raw_app"."orders"