{#- The number of distinct non-null values (of the rows matching row_condition, per group_by group) is < `value`;
    one failing row per group where it is not. -#}
{% test expect_column_distinct_count_to_be_less_than(model, column_name, value, group_by=none, row_condition=none) -%}
{%- set groups = (group_by or []) | join(', ') -%}
select *
from (
  select {% if groups %}{{ groups }}, {% endif %}count(distinct {{ column_name }}) as expression
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
) distinct_counts
where not (expression < {{ value }})
{%- endtest %}
