select * from {{ ref('ephemeral_names') }}
