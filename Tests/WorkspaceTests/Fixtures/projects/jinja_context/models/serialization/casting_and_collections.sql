{%- set ids = [3, 1, 2, 3, 1] -%}
{%- set names = ['three', 'one', 'two'] -%}
-- set: {{ set(ids) | sort }} / of a non-iterable: {{ set(42) }} / with a default: {{ set(42, default='no set') }} / set_strict: {{ set_strict('aab') | sort }}
-- sets are equal whatever the order: {{ set(['a', 'b']) == set(['b', 'a']) }} / {{ set(['a']) != set(['a', 'b']) }} / {{ set([1]) == [1] }}
-- set membership and size: {{ 2 in set(ids) }} {{ 5 in set(ids) }} {{ set(ids) | length }} {{ set([]) | length }} / unhashable: {{ set([[1]], default='no set') }}
-- set methods: {{ set(ids).union([7]) | sort }} {{ set(ids).intersection([1, 9]) | list }} {{ set(ids).difference([1]) | sort }} {{ set([1]).issubset(ids) }} {{ (set(ids) - set([3])) | sort }}
-- zip: {{ zip([1, 2, 3], names) | list }}
-- zip of non-iterables: {{ zip(1, 2) }} / with a default: {{ zip(1, 2, default='no zip') }} / zip_strict: {{ zip_strict('ab', 'cd') | list }}
-- as_bool in a template is a plain filter: {{ 'true' | as_bool }} / {{ 'False' | as_bool }}
-- as_number: {{ '42' | as_number }} / as_native: {{ '[1, 2]' | as_native }} / as_text: {{ 7 | as_text }}
-- return a list: {{ currency_list() }}
-- return a dict: {{ describe_relation(this) }}
-- return early: {{ early_return(true) }} / {{ early_return(false) }}
-- local_md5: {{ local_md5('weir') }}
-- string methods: {{ 'Order Items'.lower().replace(' ', '_') }} {{ 'a,b,,c'.split(',') }} {{ '  x  '.strip() }}
-- dict methods: {{ {'b': 2, 'a': 1}.items() | list }} {{ {'a': 1}.get('missing', 'dflt') }}
-- var with default: {{ var('not_defined_anywhere', 'the default') }}
-- project-scoped var: {{ var('currency_symbols')['GBP'] }}
-- diff_of_two_dicts: {{ diff_of_two_dicts({'a': ['x', 'Y'], 'b': ['z']}, {'a': ['x']}) }}
select
{%- for id, name in zip(ids | unique | sort, ['one', 'two', 'three']) %}
    {{ id }} as {{ name }}{{ "," if not loop.last }}
{%- endfor %}
