{{ config(materialized='incremental', incremental_strategy='merge', unique_key='user_id') }}
{{ user_totals() }}
