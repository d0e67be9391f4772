{{ config(materialized='external', location='exports/market_summary.csv', format='csv', delimiter=';') }}
-- The file the BI tool reads every morning. Written beside the old one and swapped in only when
-- complete, so a failed run never leaves the dashboard with a half-written file.
select
    s.market,
    s.country,
    s.orders,
    s.revenue_eur,
    count(r.order_no) as returns
from {{ ref('market_summary') }} as s
left join {{ ref('stg_returns') }} as r
  on r.market = s.market
group by all
order by s.market
