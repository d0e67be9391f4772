-- select * over a source: its declared columns.
select
    *,
    amount * 100 as amount_cents
from {{ source('crm', 'payments') }}
