{% macro first_id() %}1{% endmacro %}
