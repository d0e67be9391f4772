-- A singular test: returns the markets that have no orders at all (none should).
select m.market
from {{ ref('stg_markets') }} as m
left join {{ ref('fct_orders') }} as o
  on o.market = m.market
group by m.market
having count(o.order_no) = 0
