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
{%- set times = fromyaml('
quoted: "2024-03-01"
short: 2024-3-1
naive: 2024-03-01 10:20:30.1234567
utc: 2024-03-01T10:20:30Z
offset: 2024-3-1 1:02:03 +05:30
west: 2001-12-14t21:59:43.10-05:00
') %}
{%- for key, value in times.items() %}
-- {{ key }}: {{ value }} ({{ value is string }})
{%- endfor %}
-- toyaml of timestamps and a string that reads as one:
{{ toyaml({'naive': times['naive'], 'utc': times['utc'], 'text': '2024-03-01', 'day': mapping['launched']}) -}}
-- fromyaml of an impossible date: {{ fromyaml('day: 2024-02-30', 'not a date') }}
select
{%- for tier in pricing['tiers'] %}
    {{ tier['price'] }} as {{ tier['name'] }}_price,
{%- endfor %}
    {{ pricing['trial_days'] }} as trial_days,
    {{ pricing['active'] }} as is_active,
    '{{ mapping["regions"][var("reporting_region")] | join(",") }}' as region_countries
