{{ config(
    materialized='table',
    meta={'owner': 'data-platform', 'sla_hours': 6},
    tags=['runtime'],
    sort_columns=['region', 'report_date']
) }}
{%- do log('compiling ' ~ model.name ~ ' for ' ~ target.name, info=false) -%}
{%- if execute -%}
    {%- do exceptions.warn('runtime_context: this is a deliberate compile-time warning') -%}
{%- endif -%}
{%- set rel = api.Relation.create(database='analytics_db', schema='finance', identifier='Orders Archive') -%}
-- project_name: {{ project_name }}
-- execute: {{ execute }}
-- flags: full_refresh={{ flags.FULL_REFRESH }} which={{ flags.WHICH }} store_failures={{ flags.STORE_FAILURES }}
-- model: name={{ model.name }} unique_id={{ model.unique_id }} resource_type={{ model.resource_type }} package={{ model.package_name }}
-- model path: {{ model.original_file_path }} / fqn={{ model.fqn }}
-- model.config: materialized={{ model.config.materialized }} tags={{ model.config.tags }} meta={{ model.config.meta }}
-- config.get: {{ config.get('materialized') }} / {{ config.get('sort_columns') }} / {{ config.get('no_such_key', 'fallback') }} / {{ config.get('no_such_key') }}
-- config.require: {{ config.require('materialized') }}
-- target: name={{ target.name }} type={{ target.type }} schema={{ target.schema }} database={{ target.database }} dbname={{ target.dbname }}
-- target: user={{ target.user }} host={{ target.host }} threads={{ target.threads }} profile={{ target.profile_name }}
-- adapter.quote: {{ adapter.quote('order') }} / {{ adapter.quote('Mixed Case') }}
-- relation: {{ rel }}
-- relation without database: {{ rel.include(database=False) }}
-- relation identifier only: {{ rel.include(database=False, schema=False) }}
-- relation unquoted: {{ rel.quote(database=False, schema=False, identifier=False) }}
-- relation parts: {{ rel.database }} {{ rel.schema }} {{ rel.identifier }} {{ rel.name }}
-- this: {{ this }} / {{ this.schema }} / {{ this.identifier }}
-- vars: region={{ var('reporting_region') }} max_rows={{ var('max_rows') }} beta={{ var('feature_flags')['beta_pricing'] }} fiscal={{ var('fiscal_year_start_month') }}
-- env_var: {{ env_var('WEIR_FIXTURE_REGION') }} / {{ env_var('WEIR_FIXTURE_UNSET', 'unset-default') }}
select
    '{{ var("reporting_region") }}' as region,
    {{ var('max_rows') }} as max_rows,
    '{{ env_var("WEIR_FIXTURE_REGION") }}' as deployment_region,
    cast('2024-01-01' as date) as report_date
from {{ ref('exchange_rates') }}
limit {{ var('max_rows') }}
