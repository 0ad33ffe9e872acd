-- project_name: jinja_context
-- execute: True
-- flags: full_refresh=False which=compile store_failures=False
-- model: name=runtime_context unique_id=model.jinja_context.runtime_context resource_type=model package=jinja_context
-- model path: models/context/runtime_context.sql / fqn=['jinja_context', 'context', 'runtime_context']
-- model.config: materialized=table tags=['context', 'runtime'] meta={'max_rows_number': 500, 'max_rows_text': 500, 'beta_pricing_bool': True, 'region_list': ['EMEA', 'APAC'], 'region_text': 'EMEA', 'owner': 'data-platform', 'sla_hours': 6}
-- config.get: table / ['region', 'report_date'] / fallback / None
-- config.require: table
-- target: name=dev type=postgres schema=analytics database=weir_fixtures dbname=weir_fixtures
-- target: user=weir host=127.0.0.1 threads=1 profile=jinja_context
-- adapter.quote: "order" / "Mixed Case"
-- relation: "analytics_db"."finance"."Orders Archive"
-- relation without database: "finance"."Orders Archive"
-- relation identifier only: "Orders Archive"
-- relation unquoted: analytics_db.finance.Orders Archive
-- relation parts: analytics_db finance Orders Archive Orders Archive
-- this: "weir_fixtures"."analytics"."runtime_context" / analytics / runtime_context
-- vars: region=EMEA max_rows=500 beta=True fiscal=4
-- env_var: eu-west-1 / unset-default
select
    'EMEA' as region,
    500 as max_rows,
    'eu-west-1' as deployment_region,
    cast('2024-01-01' as date) as report_date
from "weir_fixtures"."analytics"."exchange_rates"
limit 500