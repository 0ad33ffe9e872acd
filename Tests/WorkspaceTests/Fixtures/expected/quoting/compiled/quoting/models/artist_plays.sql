
-- this: weir_fixtures."analytics".artist_plays (artist_plays), quoted explicitly: weir_fixtures."analytics"."artist_plays"
select a.artist_id, count(*) as plays
from weir_fixtures."analytics".stg_listens as l
join "weir_fixtures"."raw_data"."artists" as a using (artist_id)
union all
select artist_id, 0 from "weir_fixtures".legacy_data."plays"
group by 1