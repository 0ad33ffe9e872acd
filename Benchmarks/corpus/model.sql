{%- for model in models %}
{{ generate_model(model) }}
{% endfor -%}
