{{ config(materialized='incremental', unique_key=['market', 'order_no'], incremental_strategy='merge') }}

select
    market,
    order_no,
    member_no,
    order_date,
    status,
    amount_local,
    amount_eur
from {{ ref('int_orders_in_eur') }}
{% if is_incremental() %}
where order_date >= (select coalesce(max(order_date), date '1900-01-01') from {{ this }})
{% endif %}
