{%- set re = modules.re -%}
{%- set dt = modules.datetime -%}
{%- set sku = 'SKU-2024-00042-eu' -%}
{%- set m = re.match('^SKU-(\\d{4})-(?P<serial>\\d+)-([a-z]+)$', sku) -%}
-- match groups: {{ m.groups() }} / serial={{ m.group('serial') }} / region={{ m.group(3) | upper }}
-- search ignorecase: {{ re.search('eu$', 'SKU-1-EU', re.IGNORECASE) is not none }}
-- search none: {{ re.search('^x', 'abc') }}
-- findall: {{ re.findall('[0-9]+', 'a1b22c333') }}
-- findall groups: {{ re.findall('(\\w+)=(\\d+)', 'a=1, b=22') }}
-- sub: {{ re.sub('(\\d{4})-(\\d{2})-(\\d{2})', '\\3/\\2/\\1', '2024-02-29') }}
-- sub count: {{ re.sub('\\s+', ' ', 'too   many    spaces', count=1) }}
-- split: {{ re.split('[,;]\\s*', 'a, b;c;  d') }}
-- multiline: {{ re.findall('^\\w+', 'first line\nsecond line', re.MULTILINE) }}
-- compiled: {{ re.compile('^order_(\\d+)$').match('order_17').group(1) }}
-- escape: {{ re.escape('a.b*c') }}
{%- set d = dt.date(2024, 1, 31) %}
{%- set ts = dt.datetime(2024, 2, 29, 13, 45, 30) %}
-- date iso: {{ d.isoformat() }} weekday={{ d.weekday() }} month={{ d.month }}
-- plus 30 days: {{ (d + dt.timedelta(days=30)).strftime('%Y-%m-%d') }}
-- datetime: {{ ts.strftime('%Y-%m-%dT%H:%M:%S') }} / {{ ts }} / {{ ts.date() }}
-- replace: {{ ts.replace(year=2025, day=28).isoformat() }}
-- strptime: {{ dt.datetime.strptime('2024-12-24 18:00', '%Y-%m-%d %H:%M').strftime('%d %b %Y, %H:%M') }}
-- difference: {{ (dt.date(2024, 12, 31) - d).days }} days
-- utc: {{ modules.pytz.utc }} / {{ dt.datetime(2024, 6, 1, 12, 0, tzinfo=modules.pytz.utc).isoformat() }}
-- fiscal quarter of month 5: {{ fiscal_quarter(5) }}
select
    date '{{ d }}' as month_end,
    timestamp '{{ ts }}' as leap_day_afternoon,
    {{ fiscal_quarter(2) }} as february_fiscal_quarter
