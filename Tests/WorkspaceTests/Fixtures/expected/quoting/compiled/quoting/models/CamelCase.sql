-- an identifier with capitals, unquoted as the project says
select * from weir_fixtures."analytics".artist_plays
union all
select * from "analytics".artist_plays
-- created: "s".Mixed
-- time spines: all_days