-- An analysis: compiled by `mds compile` to target/compiled/retail/analyses/, never built.
-- Paste the compiled SQL into a notebook to see each market's share of the group's revenue.
select
    market,
    revenue_eur,
    round(100.0 * revenue_eur / sum(revenue_eur) over (), 1) as revenue_share_pct
from {{ ref('market_summary') }}
order by revenue_share_pct desc
