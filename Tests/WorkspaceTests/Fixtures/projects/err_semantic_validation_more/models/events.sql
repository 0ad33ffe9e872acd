select 1 as event_id, 1 as session_id, current_date as valid_from, current_date as valid_to, current_date as ds
