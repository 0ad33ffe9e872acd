select
    month_number,
    {{ fiscal_year("make_date(2024, month_number, 1)") }} as fiscal_year_of_2024_month,
    '{{ var("fiscal_label_prefix") }}' || {{ fiscal_year("make_date(2024, month_number, 1)") }} as fiscal_label
from generate_series(1, 12) as month_number
