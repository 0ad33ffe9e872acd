select
    id,
    {{ dbt.concat(['first_name', "' '", 'last_name']) }} as full_name,
    {{ dbt.hash('customer_email') }} as email_hash,
    {{ dbt.split_part('customer_email', "'@'", 2) }} as email_domain,
    {{ dbt.split_part('customer_email', "'@'", -1) }} as email_domain_from_end,
    {{ dbt.right('postal_code', 3) }} as postal_suffix,
    {{ dbt.length('customer_email') }} as email_length,
    {{ dbt.position("'@'", 'customer_email') }} as at_position,
    {{ dbt.replace('phone', "'-'", "''") }} as phone_digits,
    {{ dbt.safe_cast('quantity_text', api.Column.translate_type('integer')) }} as quantity,
    {{ dbt.cast('amount', dbt.type_numeric()) }} as amount,
    {{ dbt.cast_bool_to_text('is_gift') }} as is_gift_text,
    {{ dbt.string_literal(dbt.escape_single_quotes("O'Reilly")) }} as publisher,
    '{{ dbt.escape_single_quotes("it's") }}' as escaped
from {{ source('app', 'orders') }}
