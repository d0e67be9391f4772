with orders as (
    select market, member_no, amount_local
    from {{ ref('stg_orders') }}
    where status <> 'returned'
),

customers as (
    select * from {{ ref('stg_customers') }}
)

select
    c.market,
    c.member_no,
    c.first_name as customer_name,
    count(*) as orders,
    sum(o.amount_local) as revenue,
    max(o.amount_local) filter (where o.amount_local > 0) as largest_order
from customers as c
left join orders as o
  on o.market = c.market
 and o.member_no = c.member_no
group by all
