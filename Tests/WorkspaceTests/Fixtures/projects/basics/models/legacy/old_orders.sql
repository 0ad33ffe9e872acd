-- Disabled by the `legacy: +enabled: false` folder config.
select * from {{ source('shop', 'orders') }}
