{% macro greet() %}
  {% do log('helpers greet', info=True) %}
{% endmacro %}

{% macro only_in_helpers(who='nobody') %}
  {% do log('only in helpers, for ' ~ who, info=True) %}
{% endmacro %}
