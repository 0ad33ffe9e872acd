{# Overrides my_utils' surrogate_key: the root project is first in the
   my_utils dispatch search order. #}
{% macro default__surrogate_key(field_list) -%}
    md5({{ field_list | join(" || '|' || ") }})
{%- endmacro %}
