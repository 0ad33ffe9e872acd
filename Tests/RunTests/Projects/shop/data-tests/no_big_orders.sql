{{ config(error_if='> ' ~ var('big_order_tolerance', 5)) }}
select * from {{ ref('stg_orders') }} where amount > 40
