-- Reads an ephemeral model, which mds inlines as a CTE: lineage points at the ephemeral model.
select
    t.market,
    t.member_no,
    t.total,
    c.first_name,
    (select max(m.eur_rate) from {{ ref('markets') }} as m where m.market = t.market) as eur_rate
from {{ ref('int_member_totals') }} as t
join {{ ref('stg_customers') }} as c
  on c.market = t.market
 and c.member_no = t.member_no
