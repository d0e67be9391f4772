-- Renames and casts: each column comes from the seed column of the same meaning.
select
    upper(market) as market,
    cast(order_no as integer) as order_no,
    member_no,
    cast(order_date as date) as order_date,
    lower(status) as status,
    amount as amount_local
from {{ ref('orders') }}
