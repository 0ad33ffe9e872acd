{%- set pricing = fromjson('{"tiers": [{"name": "basic", "price": 9.5}, {"name": "pro", "price": 29}], "trial_days": 14, "active": true, "coupon": null}') -%}
{%- set mapping = fromyaml('
regions:
  EMEA: [NL, DE, GB]
  AMER: [US, CA]
default_region: EMEA
launched: 2024-03-01
') -%}
-- tojson: {{ tojson(pricing) }}
-- tojson sorted: {{ tojson({'b': 1, 'a': [true, none, 'x']}, sort_keys=true) }}
-- tojson unicode: {{ tojson({'city': 'Zürich', 'symbol': '€'}) }}
-- toyaml:
{{ toyaml(mapping) }}
-- toyaml sorted:
{{ toyaml({'z': 1, 'a': {'nested': [1, 2]}}, sort_keys=true) -}}
-- fromjson default on bad input: {{ fromjson('{not json', 'fallback') }}
-- launched is a string? {{ mapping['launched'] is string }}: {{ mapping['launched'] }} (year {{ mapping['launched'].year }})
select
{%- for tier in pricing['tiers'] %}
    {{ tier['price'] }} as {{ tier['name'] }}_price,
{%- endfor %}
    {{ pricing['trial_days'] }} as trial_days,
    {{ pricing['active'] }} as is_active,
    '{{ mapping["regions"][var("reporting_region")] | join(",") }}' as region_countries
