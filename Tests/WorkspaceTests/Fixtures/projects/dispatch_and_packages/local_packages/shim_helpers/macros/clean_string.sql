{# A shim: dispatch for my_utils searches shim_helpers before my_utils,
   so this default__ wins over my_utils' own postgres__clean_string. #}
{% macro default__clean_string(expression) -%}
    regexp_replace(lower(trim({{ expression }})), '\s+', ' ', 'g')
{%- endmacro %}
