select {{ first_id() }} as order_id, 1 as customer_id, 1 as credit_note_id
