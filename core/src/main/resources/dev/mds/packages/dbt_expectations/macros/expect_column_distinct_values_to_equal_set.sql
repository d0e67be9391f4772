{#- The distinct values of the column (of the rows matching row_condition) are exactly value_set; each value on one
    side only fails (a null in the column too). -#}
{% test expect_column_distinct_values_to_equal_set(model, column_name, value_set, quote_values=true, row_condition=none) -%}
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
full outer join set_values on all_values.value_field = set_values.value_field
where all_values.value_field is null or set_values.value_field is null
{%- endtest %}
