-- select * over a USING join: the shared columns once, from both sides.
select *
from {{ ref('stg_orders') }}
join {{ ref('stg_customers') }} using (market, member_no)
