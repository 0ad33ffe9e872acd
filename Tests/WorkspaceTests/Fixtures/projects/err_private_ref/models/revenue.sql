select id, amount
from {{ ref('ledger') }}
