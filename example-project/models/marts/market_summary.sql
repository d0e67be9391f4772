{%- set statuses = var('order_statuses') -%}
select
    m.market,
    m.country,
    count(o.order_no) as orders,
    {%- for status in statuses %}
    count(*) filter (where o.status = '{{ status }}') as {{ status }}_orders,
    {%- endfor %}
    coalesce(sum(o.amount_eur), 0) as revenue_eur
from {{ ref('stg_markets') }} as m
left join {{ ref('fct_orders') }} as o
  on o.market = m.market
group by m.market, m.country
