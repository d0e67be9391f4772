with orders as (
    select market, member_no, count(*) as orders, sum(amount_eur) as lifetime_eur
    from {{ ref('fct_orders') }}
    where status <> 'returned'
    group by market, member_no
)

select
    c.market,
    c.member_no,
    c.customer_key,
    c.first_name,
    c.signup_date,
    c.loyalty_tier,
    coalesce(o.orders, 0) as orders,
    coalesce(o.lifetime_eur, 0) as lifetime_eur,
    -- A hashed key for BI tools that want one opaque column (dbt_utils' surrogate key).
    {{ dbt_utils.generate_surrogate_key(['c.market', 'c.member_no']) }} as customer_sk
from {{ ref('stg_customers') }} as c
left join orders as o
  on o.market = c.market
 and o.member_no = c.member_no
