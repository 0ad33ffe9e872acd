{#- dbt's relations are mappings of their fields, hashable and equal by value: packages rely on it
    (dbt-utils' `_is_relation` asks `obj is mapping and obj.get('metadata', {}).get('type', '')`). -#}
{%- set rates = ref('exchange_rates') -%}
{%- set by_relation = {rates: 'found by an equal relation'} -%}
-- is mapping: {{ rates is mapping }} / a string: {{ 'x' is mapping }}
-- metadata type ends with Relation: {{ rates.get('metadata', {}).get('type', '').endswith('Relation') }}
-- get: {{ rates.get('schema') }} / {{ rates.get('identifier') }} / {{ rates.get('no_such_field', 'fallback') }}
-- item: {{ rates['identifier'] }}
-- dict key: {{ by_relation[ref('exchange_rates')] }}
-- equal: {{ rates == ref('exchange_rates') }} / {{ rates == api.Relation.create(identifier='other') }} / {{ rates == rates | string }}
-- unique: {{ [rates, ref('exchange_rates')] | unique | list | length }}
-- loaded (not built yet): {{ load_relation(rates) is none }} / {{ load_cached_relation(rates) is none }}
-- unset fields are None: {{ api.Relation.create(identifier='t').database }} / {{ api.Relation.create(identifier='t').schema is none }} / {{ api.Relation.create(identifier='t').type is none }}
select 1 as id
