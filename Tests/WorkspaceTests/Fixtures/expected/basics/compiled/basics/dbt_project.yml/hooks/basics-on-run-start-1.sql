
    select 1 as run_started