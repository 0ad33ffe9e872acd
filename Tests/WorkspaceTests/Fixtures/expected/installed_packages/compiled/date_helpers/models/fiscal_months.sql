select
    month_number,
    (extract(year from make_date(2024, month_number, 1))
        + case when extract(month from make_date(2024, month_number, 1)) >= 10 then 1 else 0 end)::int as fiscal_year_of_2024_month,
    'FY' || (extract(year from make_date(2024, month_number, 1))
        + case when extract(month from make_date(2024, month_number, 1)) >= 10 then 1 else 0 end)::int as fiscal_label
from generate_series(1, 12) as month_number