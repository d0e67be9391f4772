-- Window functions read their arguments, partitions and ordering; QUALIFY only filters.
select
    market,
    member_no,
    order_no,
    amount_local,
    row_number() over (partition by market, member_no order by order_date desc) as recency,
    sum(amount_local) over (partition by market) as market_total,
    list_transform(list_value(amount_local), x -> x * 2) as doubled
from {{ ref('stg_orders') }}
qualify recency = 1
