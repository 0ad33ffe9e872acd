-- match groups: ('2024', '00042', 'eu') / serial=00042 / region=EU
-- search ignorecase: True
-- search none: None
-- findall: ['1', '22', '333']
-- findall groups: [('a', '1'), ('b', '22')]
-- sub: 29/02/2024
-- sub count: too many    spaces
-- split: ['a', 'b', 'c', 'd']
-- multiline: ['first', 'second']
-- compiled: 17
-- escape: a\.b\*c
-- date iso: 2024-01-31 weekday=2 month=1
-- plus 30 days: 2024-03-01
-- datetime: 2024-02-29T13:45:30 / 2024-02-29 13:45:30 / 2024-02-29
-- replace: 2025-02-28T13:45:30
-- strptime: 24 Dec 2024, 18:00
-- difference: 335 days
-- utc: UTC / 2024-06-01T12:00:00+00:00
-- fiscal quarter of month 5: 1
select
    date '2024-01-31' as month_end,
    timestamp '2024-02-29 13:45:30' as leap_day_afternoon,
    4 as february_fiscal_quarter