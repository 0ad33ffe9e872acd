{% snapshot orders_history %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at') }}
select 1 as id, current_timestamp as updated_at
{% endsnapshot %}

{% snapshot orders_status_history %}
{# The check strategy needs check_cols. #}
{{ config(unique_key='id', strategy='check') }}
select 1 as id, 'placed' as status
{% endsnapshot %}
