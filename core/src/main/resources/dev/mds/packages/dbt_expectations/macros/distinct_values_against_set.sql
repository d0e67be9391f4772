{#- The column's distinct values (of the rows matching row_condition) beside value_set, joined with
    `join` (left, right or full outer) and kept where `failing` holds: the shared body of the
    distinct-values set tests. -#}
{% macro distinct_values_against_set(model, column_name, value_set, quote_values, row_condition, join, failing) -%}
with all_values as (
  select distinct {{ column_name }} as value_field
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
),
set_values as (
  select distinct value_field from (
  {%- for v in value_set %}
  select {% if quote_values %}cast('{{ v | string | replace("'", "''") }}' as varchar){% else %}{{ v }}{% endif %} as value_field
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
  ) listed
)
select all_values.value_field, set_values.value_field as set_value
from all_values
{{ join }} join set_values on all_values.value_field = set_values.value_field
where {{ failing }}
{%- endmacro %}
