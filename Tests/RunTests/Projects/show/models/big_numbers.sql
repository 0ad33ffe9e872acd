select 1 as id, cast(123456789012 as bigint) as large_integer, cast(1234567 as numeric) as whole_numeric, cast(3.14159 as numeric) as long_fraction, cast(0.1 as numeric) as short_fraction
union all
select 2, cast(-5 as bigint), cast(0 as numeric), cast(-2.5 as numeric), cast(0.25 as numeric)
order by id
