{% snapshot orders_timestamp %}
{{ config(target_schema=target.schema ~ '_history', unique_key='id', strategy='timestamp', updated_at='updated_at') }}
select id, region, status, amount, updated_at from {{ ref('order_versions') }} where day = {{ var('day') }}
{% endsnapshot %}

{% snapshot orders_invalidate %}
{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=true) }}
select id, region, status, amount, updated_at from {{ ref('order_versions') }} where day = {{ var('day') }}
{% endsnapshot %}

{% snapshot orders_new_record %}
{{
    config(
      unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record',
      dbt_valid_to_current=fixed_timestamp('9999-12-31 00:00:00'),
    )
}}
select id, region, status, amount, updated_at from {{ ref('order_versions') }} where day = {{ var('day') }}
{% endsnapshot %}

{% snapshot orders_check %}
{{ config(unique_key='id', strategy='check', check_cols=['status', 'amount']) }}
select id, region, status, amount, updated_at from {{ ref('order_versions') }} where day = {{ var('day') }}
{% endsnapshot %}

{% snapshot orders_check_all %}
{{ config(unique_key='id', strategy='check', check_cols='all', hard_deletes='invalidate') }}
select id, region, status, amount{% if var('day') >= 3 %}, note{% endif %}
from {{ ref('order_versions') }} where day = {{ var('day') }}
{% endsnapshot %}

{% snapshot orders_composite %}
{{
    config(
      unique_key=['region', 'id'], strategy='timestamp', updated_at='updated_at', hard_deletes='new_record',
      snapshot_meta_column_names={
        'dbt_valid_from': 'valid_from', 'dbt_valid_to': 'valid_to', 'dbt_scd_id': 'scd_id',
        'dbt_updated_at': 'changed_at', 'dbt_is_deleted': 'is_deleted',
      },
    )
}}
select id, region, status, amount, updated_at from {{ ref('order_versions') }} where day = {{ var('day') }}
{% endsnapshot %}
