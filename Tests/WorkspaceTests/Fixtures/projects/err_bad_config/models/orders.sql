{{ config(materialized='table', docs={'show': true, 'node_color': 'not-a-colour'}) }}

select 1 as order_id, 10 as amount
