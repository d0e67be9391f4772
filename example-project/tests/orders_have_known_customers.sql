-- Every order belongs to a known customer of the same market. A relationships test on member_no
-- alone would pass even when the number belongs to another market's customer.
select o.market, o.order_no, o.member_no
from {{ ref('fct_orders') }} as o
left join {{ ref('stg_customers') }} as c
  on c.market = o.market
 and c.member_no = o.member_no
where c.member_no is null
