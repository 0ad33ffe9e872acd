{{ config(materialized='view') }}
select kind, n * 10 as n_times_ten from {{ ref('audited') }}
