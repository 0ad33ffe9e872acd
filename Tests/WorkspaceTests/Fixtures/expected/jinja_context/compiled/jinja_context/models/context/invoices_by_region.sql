select
    invoice_id,
    country_code,
    case
        when country_code in ('US') then 'AMER'
        when country_code in ('NL', 'DE') then 'EMEA'
        else 'other'
    end as region
from "weir_fixtures"."raw_billing"."invoices"
where country_code in ('NL', 'DE')