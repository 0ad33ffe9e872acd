{#- Lists the project's resources from the graph; empty during parsing. -#}
{%- set model_names = [] -%}
{%- set seed_names = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' -%}
            {%- do model_names.append(node.name) -%}
        {%- elif node.resource_type == 'seed' -%}
            {%- do seed_names.append(node.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif -%}
-- models: {{ model_names | sort | join(', ') }}
-- seeds: {{ seed_names | sort | join(', ') }}
-- sources: {{ graph.sources.values() | map(attribute='name') | sort | join(', ') }}
-- exposures: {{ graph.exposures | length }}
{%- for unique_id in graph.nodes | sort if unique_id.startswith('model.') %}
-- {{ unique_id }} materialized as {{ graph.nodes[unique_id].config.materialized }}
{%- endfor %}
select
{%- for name in model_names | sort %}
    '{{ name }}' as model_{{ loop.index }}{{ ',' if not loop.last }}
{%- endfor %}
