-- trimmed names
select id as customer_id, trim(name) as name, country from {{ ref('raw_customers') }}
