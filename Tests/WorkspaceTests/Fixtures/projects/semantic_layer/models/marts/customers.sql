{{ config(alias='dim_customers', schema='marts') }}
select * from {{ ref('stg_customers') }}
