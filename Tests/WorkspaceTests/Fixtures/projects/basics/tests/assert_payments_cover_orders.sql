{{ config(severity='warn', tags=['finance']) }}

-- Orders whose payments exceed the order amount by more than a cent.
select
    order_id,
    order_amount,
    amount_paid
from {{ ref('fct_orders') }}
where amount_paid - order_amount > 0.01
