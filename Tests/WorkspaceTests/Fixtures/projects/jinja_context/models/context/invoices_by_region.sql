{%- set regions = {'EMEA': ['NL', 'DE'], 'AMER': ['US']} -%}
select
    invoice_id,
    country_code,
    case
    {%- for region, countries in regions.items() | sort %}
        when country_code in ('{{ countries | join("', '") }}') then '{{ region }}'
    {%- endfor %}
        else 'other'
    end as region
from {{ source('billing', 'invoices') }}
where country_code in ('{{ regions[var("reporting_region")] | join("', '") }}')
