
  
    

  create  table "weir_fixtures"."contracts"."customers__dbt_tmp"
  
  
    
  
  (
    id int not null primary key,
    name TEXT not null,
    email varchar(100) unique,
    tier text check (tier in ('gold', 'silver'))
    
    )
 ;
    insert into "weir_fixtures"."contracts"."customers__dbt_tmp" (
      id, name, email, tier
    )
  
  (
    
    select id, name, email, tier
    from (
        
select
    id,
    name,
    email,
    tier as tier
from "weir_fixtures"."contracts"."raw_customers"
    ) as model_subq
  );
  