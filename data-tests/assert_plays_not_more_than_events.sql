-- Song plays are a subset of events: per session, and per day, plays never exceed events.
with session_check as (

    select 'session ' || cast(session_id as {{ dbt.type_string() }}) as grain
    from {{ ref('sessions') }}
    where play_count > event_count

),

daily_check as (

    select 'day ' || cast(date_day as {{ dbt.type_string() }}) as grain
    from {{ ref('daily_metrics') }}
    where play_count > event_count
       or listener_count > daily_active_users

)

select grain from session_check
union all
select grain from daily_check
