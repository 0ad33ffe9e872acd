-- tojson: {"tiers": [{"name": "basic", "price": 9.5}, {"name": "pro", "price": 29}], "trial_days": 14, "active": true, "coupon": null}
-- tojson sorted: {"a": [true, null, "x"], "b": 1}
-- tojson unicode: {"city": "Z\u00fcrich", "symbol": "\u20ac"}
-- toyaml:
regions:
  EMEA:
  - NL
  - DE
  - GB
  AMER:
  - US
  - CA
default_region: EMEA
launched: 2024-03-01

-- toyaml sorted:
a:
  nested:
  - 1
  - 2
z: 1
-- fromjson default on bad input: fallback
-- launched is a string? False: 2024-03-01 (year 2024)
-- quoted: 2024-03-01 (True)
-- short: 2024-3-1 (True)
-- naive: 2024-03-01 10:20:30.123456 (False)
-- utc: 2024-03-01 10:20:30+00:00 (False)
-- offset: 2024-03-01 01:02:03+05:30 (False)
-- west: 2001-12-14 21:59:43.100000-05:00 (False)
-- toyaml of timestamps and a string that reads as one:
naive: 2024-03-01 10:20:30.123456
utc: 2024-03-01 10:20:30+00:00
text: '2024-03-01'
day: 2024-03-01
-- fromyaml of an impossible date: not a date
select
    9.5 as basic_price,
    29 as pro_price,
    14 as trial_days,
    True as is_active,
    'NL,DE,GB' as region_countries