-- an identifier with capitals, unquoted as the project says
select * from {{ ref('artist_plays') }}
union all
select * from {{ without_database(ref('artist_plays')) }}
-- created: {{ api.Relation.create(schema='s', identifier='Mixed') }}
{%- if execute %}
-- time spines: {{ graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | rejectattr('time_spine', 'none') | map(attribute='name') | join(', ') }}
{%- endif %}
