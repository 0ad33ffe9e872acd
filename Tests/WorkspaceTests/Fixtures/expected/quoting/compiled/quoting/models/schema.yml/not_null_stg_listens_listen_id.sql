
    
    



select listen_id
from weir_fixtures."analytics".stg_listens
where listen_id is null


