{# dbt.date_spine runs a query (get_intervals_between) at compile time. #}
{{ dbt.date_spine(
    datepart="day",
    start_date="cast('2024-01-01' as date)",
    end_date="cast('2024-02-01' as date)"
) }}
