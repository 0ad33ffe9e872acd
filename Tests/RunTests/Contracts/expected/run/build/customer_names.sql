
  create view "weir_fixtures"."contracts"."customer_names__dbt_tmp"
    
    
      
  as (
    select id, name from "weir_fixtures"."contracts"."customers"
  );