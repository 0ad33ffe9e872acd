-- One row per day of 2024: MetricFlow's time spine, which the semantic layer joins metrics to.
{{ config(materialized='table') }}

{{ dbt.date_spine(
    datepart="day",
    start_date="cast('2024-01-01' as date)",
    end_date="cast('2025-01-01' as date)"
) }}
