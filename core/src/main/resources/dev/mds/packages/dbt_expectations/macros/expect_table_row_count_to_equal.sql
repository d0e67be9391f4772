{#- The row count (of the rows matching row_condition, per group_by group) is `value`; one failing row per group
    where it is not. -#}
{% test expect_table_row_count_to_equal(model, value, group_by=none, row_condition=none) -%}
  {{ return(adapter.dispatch('test_expect_table_row_count_to_equal', 'dbt_expectations')(model, value, group_by, row_condition)) }}
{%- endtest %}

{% macro default__test_expect_table_row_count_to_equal(model, value, group_by=none, row_condition=none) -%}
{%- set groups = (group_by or []) | join(', ') -%}
select *
from (
  select {% if groups %}{{ groups }}, {% endif %}count(*) as expression
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
) row_counts
where expression <> {{ value }}
{%- endmacro %}
