#!/bin/sh
# Writes the dbt project that Tests/SelectionTests/ShopProject.swift mirrors into $1, so the
# tests' expectations can be checked against dbt itself (see check_with_dbt.py).
set -eu
dir=${1:?usage: make_shop_project.sh DIRECTORY}
mkdir -p "$dir" && cd "$dir"
mkdir -p models/staging models/intermediate models/marts/core models/marts/marketing models/reports \
    seeds snapshots analyses tests dbt_packages/utils/models dbt_packages/utils/macros
cat > dbt_project.yml <<'EOF'
name: shop
version: "1.0"
profile: shop
models:
  shop:
    staging:
      +tags: ["staging"]
    marts:
      core:
        +group: finance
EOF
# dbt ls parses only; it never connects.
cat > profiles.yml <<'EOF'
shop:
  target: dev
  outputs:
    dev: {type: postgres, host: localhost, user: x, password: x, port: 5432, dbname: x, schema: public, threads: 1}
EOF
cat > packages.yml <<'EOF'
packages:
  - local: dbt_packages/utils
EOF
cat > models/staging/sources.yml <<'EOF'
version: 2
sources:
  - name: raw
    tags: ["raw"]
    tables:
      - name: customers
      - name: orders
        tags: ["orders"]
        columns:
          - name: status
            data_tests:
              - accepted_values:
                  arguments:
                    values: ["placed", "shipped"]
  - name: legacy
    config:
      enabled: false
    tables:
      - name: accounts
EOF
cat > models/staging/schema.yml <<'EOF'
version: 2
models:
  - name: stg_customers
    config:
      tags: ["pii"]
    columns:
      - name: customer_id
        data_tests:
          - unique
  - name: stg_orders
    columns:
      - name: order_id
        data_tests:
          - not_null:
              config:
                severity: warn
EOF
echo "select * from {{ source('raw', 'customers') }}" > models/staging/stg_customers.sql
echo "select * from {{ source('raw', 'orders') }}" > models/staging/stg_orders.sql
printf "{{ config(materialized='table') }}\nselect * from {{ ref('raw_payments') }}\n" > models/staging/stg_payments.sql
printf "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('stg_orders') }} join {{ ref('stg_payments') }} using (order_id)\n" \
    > models/intermediate/int_order_payments.sql
for v in 1 2 3; do
    echo "select * from {{ ref('stg_customers') }} join {{ ref('int_order_payments') }} using (customer_id)" \
        > models/marts/core/dim_customers_v$v.sql
done
cat > models/marts/core/core.yml <<'EOF'
version: 2
models:
  - name: dim_customers
    latest_version: 2
    versions:
      - v: 1
      - v: 2
      - v: 3
  - name: fct_orders
    access: public
    config:
      tags: ["nightly"]
      meta:
        owner: finance
      on_schema_change: fail
      contract:
        enforced: true
    columns:
      - name: customer_id
        data_type: int
        data_tests:
          - relationships:
              arguments:
                to: ref('dim_customers', v=2)
                field: customer_id
      - name: order_id
        data_type: int
EOF
printf "{{ config(materialized='incremental') }}\nselect * from {{ ref('stg_orders') }} join {{ ref('int_order_payments') }} using (order_id)\n" \
    > models/marts/core/fct_orders.sql
cat > models/marts/marketing/customer_segments.sql <<'EOF'
{{ config(tags=['nightly', 'marketing'], group='marketing', access='private') }}
select * from {{ ref('dim_customers', v=2) }}
EOF
cat > models/marts/groups.yml <<'EOF'
version: 2
groups:
  - name: finance
    owner: {name: Finance}
  - name: marketing
    owner: {name: Marketing}
EOF
printf "{{ config(materialized='table', schema='reports', group='marketing') }}\nselect * from {{ ref('fct_orders') }} join {{ ref('customer_segments') }} using (customer_id)\n" \
    > models/reports/weekly_report.sql
cat > models/reports/reports.yml <<'EOF'
version: 2
models:
  - name: weekly_report
    data_tests:
      - utils.expression_is_true:
          arguments:
            expression: "total >= 0"
EOF
: > models/empty_model.sql
printf "{{ config(enabled=false) }}\nselect 1\n" > models/disabled_model.sql
cat > models/exposures.yml <<'EOF'
version: 2
exposures:
  - name: weekly_dashboard
    type: dashboard
    tags: ["dashboard"]
    owner: {name: BI, email: bi@example.com}
    depends_on:
      - ref('weekly_report')
      - ref('fct_orders')
EOF
printf "order_id,amount\n1,10\n" > seeds/raw_payments.csv
cat > snapshots/orders_snapshot.sql <<'EOF'
{% snapshot orders_snapshot %}
{{ config(target_schema='snapshots', unique_key='order_id', strategy='check', check_cols='all') }}
select * from {{ ref('stg_orders') }}
{% endsnapshot %}
EOF
echo "select * from {{ ref('fct_orders') }}" > analyses/revenue.sql
echo "select * from {{ ref('fct_orders') }} where amount < 0" > tests/assert_positive_payments.sql
echo "select * from {{ ref('stg_orders') }} o left join {{ ref('fct_orders') }} f using (order_id) where f.order_id is null" \
    > tests/assert_orders_match.sql
printf 'name: utils\nversion: "1.0"\n' > dbt_packages/utils/dbt_project.yml
echo "select 1 as d" > dbt_packages/utils/models/utils_calendar.sql
cat > dbt_packages/utils/models/sources.yml <<'EOF'
version: 2
sources:
  - name: holidays
    tables:
      - name: dates
EOF
cat > dbt_packages/utils/macros/expression_is_true.sql <<'EOF'
{% test expression_is_true(model, expression) %}
select * from {{ model }} where not ({{ expression }})
{% endtest %}
EOF
# The selectors of ShopSelectors.swift.
cat > selectors.yml <<'EOF'
selectors:
  - name: nightly
    description: nightly models and their upstream
    definition: {method: tag, value: nightly, parents: true}
  - name: staging_only
    definition: "path:models/staging"
  - name: marts_without_tests
    definition:
      union:
        - {method: path, value: models/marts, children: true}
        - exclude: ["resource_type:test", {method: tag, value: marketing}]
  - name: core_and_nightly
    definition:
      intersection: [{group: finance}, "tag:nightly"]
  - name: cautious_fct
    definition: {method: fqn, value: fct_orders, indirect_selection: cautious}
  - name: depth_limited
    definition: {method: fqn, value: stg_orders, children: true, children_depth: 1, parents: true}
  - name: at_stg_payments
    definition: {method: fqn, value: stg_payments, childrens_parents: true}
  - name: nightly_and_staging
    definition:
      union: [{method: selector, value: nightly}, {method: selector, value: staging_only}]
  - name: reports_minus_generic
    definition: {method: path, value: models/reports, children: true, exclude: ["test_type:generic"]}
  - name: zero_depth_means_all
    definition: {method: fqn, value: weekly_report, parents: true, parents_depth: 0}
  - name: cautious_union
    definition:
      union:
        - {method: fqn, value: fct_orders, indirect_selection: cautious}
        - {method: fqn, value: stg_orders, indirect_selection: cautious}
  - name: intersect_minus
    definition:
      intersection:
        - "+fct_orders"
        - {resource_type: model}
        - exclude: [stg_payments, {method: path, value: models/intermediate}]
  - name: string_ops
    definition: "2+tag:marketing"
  - name: empty_mode
    definition: {method: fqn, value: fct_orders, parents: true, parents_depth: "1", indirect_selection: empty}
  - name: method_value_multi_exclude
    definition: {method: fqn, value: staging, exclude: [stg_orders, "tag:pii"]}
EOF
