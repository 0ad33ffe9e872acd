-- set: [1, 2, 3] / of a non-iterable: None / with a default: no set / set_strict: ['a', 'b']
-- sets are equal whatever the order: True / True / False
-- set membership and size: True False 3 0 / unhashable: no set
-- set methods: [1, 2, 3, 7] [1] [2, 3] True [1, 2]
-- zip: [(1, 'three'), (2, 'one'), (3, 'two')]
-- zip of non-iterables: None / with a default: no zip / zip_strict: [('a', 'c'), ('b', 'd')]
-- as_bool in a template is a plain filter: true / False
-- as_number: 42 / as_native: [1, 2] / as_text: 7
-- return a list: ['EUR', 'GBP', 'USD']
-- return a dict: {'database': 'weir_fixtures', 'schema': 'analytics', 'identifier': 'casting_and_collections'}
-- return early: returned early / body before the returnkept: no return
-- local_md5: 57c6838eabf401f73f6dd50093408e33
-- string methods: order_items ['a', 'b', '', 'c'] x
-- dict methods: [('b', 2), ('a', 1)] dflt
-- var with default: the default
-- project-scoped var: £
-- diff_of_two_dicts: {'a': ['Y'], 'b': ['z']}
select
    1 as one,
    2 as two,
    3 as three