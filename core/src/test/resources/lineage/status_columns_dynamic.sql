-- Without an IN list the columns depend on the data: lineage is unknown.
pivot {{ ref('stg_orders') }}
on status
using sum(amount_local)
group by market
