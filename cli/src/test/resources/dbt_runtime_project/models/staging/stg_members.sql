select
  {{ key_columns() | join(', ') }},
  name,
  {{ coalesce_all('tier', "'none'",) }} as tier
from {{ ref('members') }}
where market in ({% for m in var('markets') %}'{{ m }}'{{ ',' if not loop.last }}{% endfor %})
