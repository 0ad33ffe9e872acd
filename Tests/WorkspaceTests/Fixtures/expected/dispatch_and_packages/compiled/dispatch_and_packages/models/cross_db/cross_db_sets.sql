select id from "weir_fixtures"."raw_app"."orders"


    except


select order_id from "weir_fixtures"."raw_app"."refunds"

union all

(
select id from "weir_fixtures"."raw_app"."orders"


    intersect


select order_id from "weir_fixtures"."raw_app"."refunds"
)