-- models: casting_and_collections, graph_listing, invoices_by_region, json_and_yaml, regex_and_dates, relation_objects, runtime_context
-- seeds: exchange_rates
-- sources: credit_notes, invoices
-- exposures: 0
-- model.jinja_context.casting_and_collections materialized as view
-- model.jinja_context.graph_listing materialized as view
-- model.jinja_context.invoices_by_region materialized as view
-- model.jinja_context.json_and_yaml materialized as view
-- model.jinja_context.regex_and_dates materialized as view
-- model.jinja_context.relation_objects materialized as view
-- model.jinja_context.runtime_context materialized as table
select
    'casting_and_collections' as model_1,
    'graph_listing' as model_2,
    'invoices_by_region' as model_3,
    'json_and_yaml' as model_4,
    'regex_and_dates' as model_5,
    'relation_objects' as model_6,
    'runtime_context' as model_7