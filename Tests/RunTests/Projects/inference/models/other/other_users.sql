{{ config(schema='other', alias='users') }}
-- main_other.users: the same identifier as main.users
select user_id, 'other' as origin from {{ ref('stg_events') }}
