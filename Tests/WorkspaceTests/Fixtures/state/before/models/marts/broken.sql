select * from {{ target.schema }}.no_such_table
