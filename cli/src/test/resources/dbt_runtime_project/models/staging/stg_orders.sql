{{ config(materialized='view',) }}
select
  market,
  order_no,
  member_no,
  {{ cents_to_amount('amount_cents') }} as amount,
  {{ retail.cents_to_amount(column_name='amount_cents', scale=0,) }} as amount_rounded,
  ordered_at
from {{ source('erp', 'orders') }}
