{% test has_rows(model, min_rows=1) %}
{{ return(adapter.dispatch('test_has_rows')(model, min_rows)) }}
{% endtest %}
