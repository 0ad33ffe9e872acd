
  
    

  create  table "weir_fixtures"."contracts"."products_v1__dbt_tmp"
  
  
    
  
  (
    product_id integer not null,
    label text
    
    )
 ;
    insert into "weir_fixtures"."contracts"."products_v1__dbt_tmp" (
      product_id, label
    )
  
  (
    
    select product_id, label
    from (
        
select 1 as product_id, 'pen' as label
    ) as model_subq
  );
  