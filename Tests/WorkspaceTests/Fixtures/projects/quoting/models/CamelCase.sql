-- an identifier with capitals, unquoted as the project says
select * from {{ ref('artist_plays') }}
union all
select * from {{ without_database(ref('artist_plays')) }}
-- created: {{ api.Relation.create(schema='s', identifier='Mixed') }}
