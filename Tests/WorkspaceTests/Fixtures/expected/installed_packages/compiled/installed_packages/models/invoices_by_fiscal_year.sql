with __dbt__cte__fiscal_months as (
select
    month_number,
    (extract(year from make_date(2024, month_number, 1))
        + case when extract(month from make_date(2024, month_number, 1)) >= 10 then 1 else 0 end)::int as fiscal_year_of_2024_month,
    'FY' || (extract(year from make_date(2024, month_number, 1))
        + case when extract(month from make_date(2024, month_number, 1)) >= 10 then 1 else 0 end)::int as fiscal_label
from generate_series(1, 12) as month_number
) select
    (extract(year from invoices.issued_on)
        + case when extract(month from invoices.issued_on) >= 10 then 1 else 0 end)::int as fiscal_year,
    count(*) as invoice_count,
    sum(invoices.amount) as total_amount
from "weir_fixtures"."raw_erp"."invoices" as invoices
inner join __dbt__cte__fiscal_months as months
    on extract(month from invoices.issued_on) = months.month_number
group by 1