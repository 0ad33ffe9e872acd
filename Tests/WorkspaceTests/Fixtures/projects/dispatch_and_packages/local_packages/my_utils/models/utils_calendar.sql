{%- set bounds = calendar_bounds() %}
-- calendar starting {{ bounds.label }}
select
    (date '{{ bounds.start }}' + offs)::date as calendar_date
from generate_series(0, {{ bounds.days - 1 }}) as offs
