select 1 as id, 'fr' as country, 10.5 as amount, 'a@b.com' as email
