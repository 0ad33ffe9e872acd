{{ config(enabled=var('using_credit_notes', false)) }}
select 1 as credit_note_id
