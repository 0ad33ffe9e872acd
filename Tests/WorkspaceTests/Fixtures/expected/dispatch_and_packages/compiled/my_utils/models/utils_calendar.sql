
-- calendar starting regexp_replace(lower(trim('2023-12-25')), '\s+', ' ', 'g')
select
    (date '2023-12-25' + offs)::date as calendar_date
from generate_series(0, 6) as offs