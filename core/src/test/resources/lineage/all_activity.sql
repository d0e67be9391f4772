select market, member_no, order_date as activity_date, 'order' as kind
from {{ ref('stg_orders') }}
union all
select market, member_no, signup_date, 'signup'
from {{ ref('stg_customers') }}
