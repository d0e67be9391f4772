select
{%- for market in distinct_values(ref('stg_orders'), 'market') %}
  sum(case when market = '{{ market }}' then amount end) as amount_{{ market | lower }},
{%- endfor %}
  count(*) as orders
from {{ ref('stg_orders') }}
