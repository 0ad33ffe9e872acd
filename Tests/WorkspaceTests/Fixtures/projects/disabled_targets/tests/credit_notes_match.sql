select * from {{ ref('credit_notes') }} where credit_note_id is null
