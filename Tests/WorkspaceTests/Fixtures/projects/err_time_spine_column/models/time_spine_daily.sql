select current_date as date_day, current_date as day_of
