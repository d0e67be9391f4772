{# Built into the attached archive.duckdb (database config); dbt's cross-database macros. #}
select
  {{ dbt.date_trunc('month', 'ordered_at') }} as month,
  '{{ dbt.type_string() }}' as label_type,
  count(*) as orders,
  {{ dbt.datediff("min(ordered_at)", "max(ordered_at)", 'day') }} as days_spanned
from {{ ref('stg_orders') }}
group by 1
