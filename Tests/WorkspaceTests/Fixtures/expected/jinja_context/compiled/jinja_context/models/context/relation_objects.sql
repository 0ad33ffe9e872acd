-- is mapping: True / a string: False
-- metadata type ends with Relation: True
-- get: analytics / exchange_rates / fallback
-- item: exchange_rates
-- dict key: found by an equal relation
-- equal: True / False / False
-- unique: 1
-- loaded (not built yet): True / True
-- unset fields are None: None / True / True
select 1 as id