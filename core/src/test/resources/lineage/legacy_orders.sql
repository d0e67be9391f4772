-- Reads the seed's table by name, and a table no node declares.
select o.market, o.order_no, e.event_type
from main.orders as o
left join raw.events as e
  on e.order_no = o.order_no
