
  
    

  create  table "weir_fixtures"."contracts"."orders__dbt_tmp"
  
  
    
  
  (
    order_id integer,
    customer_id integer references "weir_fixtures"."contracts"."customers" (id),
    amount numeric(10,2),
    
    primary key (order_id),
    constraint positive_amount check (amount >= 0)
    )
 ;
    insert into "weir_fixtures"."contracts"."orders__dbt_tmp" (
      order_id, customer_id, amount
    )
  
  (
    
    select order_id, customer_id, amount
    from (
        
select order_id, customer_id, amount
from "weir_fixtures"."contracts"."raw_orders"
    ) as model_subq
  );
  