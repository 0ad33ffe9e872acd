-- depends_on: {{ ref('fct_orders') }}
{{ config(materialized='table', schema='marketing', tags=['segments']) }}

{%- set orders_relation = none -%}
{%- if execute -%}
    {%- set orders_relation = ref('fct_orders') -%}
{%- endif %}

select
    customers.customer_id,
    customers.full_name,
    case
        when customers.order_count >= 3 then 'loyal'
        when customers.order_count >= 1 then 'active'
        else 'prospect'
    end as segment,
    (select count(*) from {{ orders_relation }}) as total_orders
from {{ ref('dim_customers', v=1) }} as customers
inner join {{ ref('basics', 'stg_customers') }} as stg
    on customers.customer_id = stg.customer_id
