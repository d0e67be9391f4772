-- Orders with the amount converted to the reporting currency ({{ var('reporting_currency') }}).
select
    o.market,
    o.order_no,
    o.member_no,
    o.order_date,
    o.status,
    o.amount_local,
    {{ to_reporting_currency('o.amount_local', 'm.eur_rate') }} as amount_eur
from {{ ref('stg_orders') }} as o
join {{ ref('stg_markets') }} as m
  on o.market = m.market
