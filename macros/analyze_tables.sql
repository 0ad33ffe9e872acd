{# `weir run-operation analyze_tables`: refreshes the planner's statistics of every table the
   project builds (after a large backfill, say), and logs each one. #}
{% macro analyze_tables() %}
  {% for node in graph.nodes.values() if node.resource_type in ('model', 'seed', 'snapshot') and node.config.materialized in ('table', 'incremental', 'seed', 'snapshot') %}
    {% set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) %}
    {% if relation is not none %}
      {% do run_query('analyze ' ~ relation) %}
      {% do log('analyzed ' ~ relation, info=True) %}
    {% endif %}
  {% endfor %}
{% endmacro %}
