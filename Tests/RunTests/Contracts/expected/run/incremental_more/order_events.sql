
      insert into "weir_fixtures"."contracts"."order_events" ("order_id", "amount")
    (
        select "order_id", "amount"
        from "order_events__dbt_tmp"
    )


  