{#- Ordered by sort_column, within each group_by group, every value compares to the previous one
    with `operator` (and differs from it by exactly `step` when given); the shared body of
    expect_column_values_to_be_increasing and _decreasing. -#}
{% macro values_in_order(model, column_name, operator, sort_column=none, row_condition=none, group_by=none, step=none) -%}
{%- set groups = (group_by or []) | join(', ') -%}
with all_values as (
  select {{ sort_column or column_name }} as sort_column, {% if groups %}{{ groups }}, {% endif %}{{ column_name }} as value_field
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
),
with_previous as (
  select *,
    lag(value_field) over ({% if groups %}partition by {{ groups }} {% endif %}order by sort_column) as value_field_lag
  from all_values
)
select *
from with_previous
where value_field_lag is not null
  and not ((value_field {{ operator }} value_field_lag)
  {%- if step %} and abs(value_field - value_field_lag) = {{ step }}{% endif %})
{%- endmacro %}
