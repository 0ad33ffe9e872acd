-- One row per player, with a value of every kind a preview prints.
-- (SQLite has no dates, booleans or column lists on derived tables.)
{% if target.type == 'sqlite' %}
select 1 as id, 'Ada' as name, 1234567.891 as amount, 1 as active, '2024-01-02' as joined_on, '2024-01-02 03:04:05' as last_seen, null as missing, 'a description longer than twenty characters' as description, 0.1 as ratio, 'Zoë' as nickname
union all select 2, 'Grace', -0.5, 0, '2023-12-31', '2024-02-03 00:00:00.25', null, 'short', 2.5e-7, '李'
union all select 3, 'Linus', 42, null, null, null, null, '', 1e20, null
union all select 4, 'Barbara', 0.0005, 1, '2000-02-29', '1999-12-31 23:59:59.999999', null, 'pipes | and "quotes"', -3.0, 'Ba'
union all select 5, 'Edsger', 1000, 0, '1970-01-01', '1970-01-01 00:00:00', null, 'tab	inside', 0.0015, 'E'
union all select 6, 'Frances', 7.25, 1, '2024-06-30', '2024-06-30 12:00:00', null, 'sixth', 100.0, 'F'
union all select 7, 'Ken', 12, 0, '2024-07-01', '2024-07-01 08:30:00', null, 'seventh', 1.5, 'K'
order by id
{% else %}
select * from (
  values
    (1, 'Ada', cast(1234567.891 as numeric), true, cast('2024-01-02' as date), cast('2024-01-02 03:04:05' as timestamp), cast(null as integer), 'a description longer than twenty characters', cast(0.1 as double precision), 'Zoë'),
    (2, 'Grace', cast(-0.5 as numeric), false, cast('2023-12-31' as date), cast('2024-02-03 00:00:00.25' as timestamp), cast(null as integer), 'short', cast(2.5e-7 as double precision), '李'),
    (3, 'Linus', cast(42 as numeric), null, null, null, cast(null as integer), '', cast(1e20 as double precision), null),
    (4, 'Barbara', cast(0.0005 as numeric), true, cast('2000-02-29' as date), cast('1999-12-31 23:59:59.999999' as timestamp), cast(null as integer), 'pipes | and "quotes"', cast(-3 as double precision), 'Ba'),
    (5, 'Edsger', cast(1000 as numeric), false, cast('1970-01-01' as date), cast('1970-01-01 00:00:00' as timestamp), cast(null as integer), 'tab	inside', cast(0.0015 as double precision), 'E'),
    (6, 'Frances', cast(7.25 as numeric), true, cast('2024-06-30' as date), cast('2024-06-30 12:00:00' as timestamp), cast(null as integer), 'sixth', cast(100 as double precision), 'F'),
    (7, 'Ken', cast(12 as numeric), false, cast('2024-07-01' as date), cast('2024-07-01 08:30:00' as timestamp), cast(null as integer), 'seventh', cast(1.5 as double precision), 'K')
) as t (id, name, amount, active, joined_on, last_seen, missing, description, ratio, nickname)
order by id
{% endif %}
