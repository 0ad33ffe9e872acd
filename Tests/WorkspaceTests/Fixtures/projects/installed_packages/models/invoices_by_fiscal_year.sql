select
    {{ date_helpers.fiscal_year('invoices.issued_on') }} as fiscal_year,
    count(*) as invoice_count,
    sum(invoices.amount) as total_amount
from {{ source('erp', 'invoices') }} as invoices
inner join {{ ref('date_helpers', 'fiscal_months') }} as months
    on extract(month from invoices.issued_on) = months.month_number
group by 1
