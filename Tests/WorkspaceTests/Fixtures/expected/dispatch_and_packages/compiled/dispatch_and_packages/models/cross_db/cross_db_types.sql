select
    cast(null as TEXT) as a_string,
    cast(null as timestamp) as a_timestamp,
    cast(null as integer) as an_int,
    cast(null as bigint) as a_bigint,
    cast(null as numeric(28,6)) as a_numeric,
    cast(null as boolean) as a_boolean,
    cast(null as float) as a_float,
    cast(null as TEXT) as unqualified_string