{{ config(materialized='ephemeral') }}
select market, member_no, sum(amount_local) as total
from {{ ref('stg_orders') }}
group by 1, 2
