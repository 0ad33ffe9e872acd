{% test has_rows(model, min_rows=1) %}

select count(*) as row_count
from {{ model }}
having count(*) < {{ min_rows }}

{% endtest %}
