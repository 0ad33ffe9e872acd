{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='user_id') }}
{{ user_totals() }}
