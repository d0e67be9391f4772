select
    upper(market) as market,
    cast(order_no as integer) as order_no,
    cast(member_no as integer) as member_no,
    cast(order_date as date) as order_date,
    lower(status) as status,
    cast(amount_local as decimal(14, 2)) as amount_local
from {{ ref('orders') }}
