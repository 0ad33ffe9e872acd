select
    id,
    first_name || ' ' || last_name as full_name,
    md5(cast(customer_email as TEXT)) as email_hash,
    

  
    

    split_part(
        customer_email,
        '@',
        2
        )


  

 as email_domain,
    

  
    

    split_part(
        customer_email,
        '@',
          length(customer_email)
          - length(
              replace(customer_email,  '@', '')
          ) + 2 + -1
        )


  

 as email_domain_from_end,
    

    right(
        postal_code,
        3
    ) as postal_suffix,
    

    length(
        customer_email
    ) as email_length,
    

    position(
        '@' in customer_email
    ) as at_position,
    

    replace(
        phone,
        '-',
        ''
    )


 as phone_digits,
    
    
    cast(quantity_text as integer)
 as quantity,
    
    cast(amount as numeric(28,6))
 as amount,
    
  
    cast(is_gift as TEXT)

 as is_gift_text,
    'O''Reilly' as publisher,
    'it''s' as escaped
from "weir_fixtures"."raw_app"."orders"