-- DuckDB extras: a COLUMNS regex, a struct and a field of it, a lateral UNNEST, current_date.
select
    columns('^(market|member_no)$'),
    {'no': order_no, 'amount': amount_local} as detail,
    detail.amount as detail_amount,
    u.part,
    current_date as loaded_on
from {{ ref('stg_orders') }}, unnest([order_date, order_date + 1]) as u(part)
