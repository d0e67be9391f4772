-- select * with EXCLUDE and REPLACE, expanded from the seed's CSV header.
select
    * exclude (tier) replace (upper(market) as market),
    lower(tier) as loyalty_tier
from {{ ref('customers') }}
