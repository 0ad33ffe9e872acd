{{ config(
    materialized='materialized_view',
    on_configuration_change=var('on_change', 'apply'),
    indexes=var('order_indexes', [{'columns': ['id'], 'unique': true}])
) }}
select id, customer, amount from {{ ref('raw_orders') }}
