select
    upper(market) as market,
    cast(member_no as integer) as member_no,
    {{ customer_key('upper(market)', 'member_no') }} as customer_key,
    first_name,
    cast(signup_date as date) as signup_date,
    lower(loyalty_tier) as loyalty_tier
from {{ ref('customers') }}
