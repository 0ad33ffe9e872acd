select count(*) as players, sum(id) as id_total, min(name) as first_name
from {{ ref('recent') }}
