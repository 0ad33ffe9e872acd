
      
  
    

  create  table "weir_fixtures"."contracts"."order_events"
  
  
    
  
  (
    order_id integer primary key,
    amount numeric(10,2) not null
    
    )
 ;
    insert into "weir_fixtures"."contracts"."order_events" (
      order_id, amount
    )
  
  (
    
    select order_id, amount
    from (
        
select
    order_id,
    amount as amount
from "weir_fixtures"."contracts"."raw_orders"
    ) as model_subq
  );
  
  