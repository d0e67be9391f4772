with recursive days(day) as (
    select min(order_date) from {{ ref('stg_orders') }}
    union all
    select day + 1 from days
    where day < (select max(order_date) from {{ ref('stg_orders') }})
)
select day from days
