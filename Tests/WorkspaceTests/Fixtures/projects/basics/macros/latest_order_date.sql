{#- The latest order date loaded into a relation: a statement block read back with load_result,
    and run_query for the fallback. No model calls it, so compiling runs neither query. -#}
{% macro latest_order_date(relation) %}
    {% call statement('latest_order_date', fetch_result=True) %}
        select max(order_date) from {{ relation }}
    {% endcall %}
    {% set today = run_query('select current_date') %}
    {{ return(load_result('latest_order_date')['data'][0][0] or today.columns[0].values()[0]) }}
{% endmacro %}
