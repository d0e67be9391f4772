-- The SQL-standard PIVOT clause with two aggregates: columns <status>_<aggregate>.
select *
from {{ ref('stg_orders') }}
pivot (
    count(*) as orders,
    sum(amount_local) as revenue
    for status in ('placed', 'shipped')
    group by market
)
