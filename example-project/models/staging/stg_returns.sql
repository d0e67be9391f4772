select
    upper(market) as market,
    cast(order_no as integer) as order_no,
    returned_on,
    lower(reason) as reason
from {{ source('erp', 'returns') }}
