{{ config(post_hook="insert into {{ target.schema }}.hook_log values ('{{ this.name }}')", pre_hook="create table if not exists {{ target.schema }}.hook_log (note varchar(100))") }}
select c.name, n.name as country from {{ ref('customers') }} c join {{ ref('named_countries') }} n on n.code = c.country
