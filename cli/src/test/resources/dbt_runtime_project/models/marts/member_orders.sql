{% call statement('order_count', fetch_result=True) %}
  select count(*) as n from {{ ref('stg_orders') }}
{% endcall %}
select
  {{ columns_except(ref('stg_members'), except=['tier']) }},
  count(o.order_no) as orders,
  coalesce(sum(o.amount), 0) as amount,
  {{ load_result('order_count')['data'][0][0] if execute else 0 }} as all_orders,
  '{{ model.name }}' as model_name,
  '{{ config.get('materialized') }}' as materialized
from {{ ref('stg_members') }} m
left join {{ ref('stg_orders') }} o using (market, member_no)
group by all
