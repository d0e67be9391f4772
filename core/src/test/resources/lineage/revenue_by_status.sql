-- DuckDB's PIVOT statement with an IN list: one column per listed status.
pivot {{ ref('stg_orders') }}
on status in ('placed', 'shipped', 'returned')
using sum(amount_local)
group by market
