{#- The row count (of the rows matching row_condition, per group_by group) lies between min_value and max_value
    (inclusive unless strictly); one failing row per group outside. Without group_by an empty table is counted as 0. -#}
{% test expect_table_row_count_to_be_between(model, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
  {{ return(adapter.dispatch('test_expect_table_row_count_to_be_between', 'dbt_expectations')(model, min_value, max_value, group_by, row_condition, strictly)) }}
{%- endtest %}

{% macro default__test_expect_table_row_count_to_be_between(model, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
{%- if min_value is none and max_value is none -%}
{{ exceptions.raise_compiler_error("expect_table_row_count_to_be_between needs min_value, max_value or both") }}
{%- endif -%}
{%- set operator = '' if strictly else '=' -%}
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
where not (1 = 1
  {%- if min_value is not none %} and expression >{{ operator }} {{ min_value }}{% endif %}
  {%- if max_value is not none %} and expression <{{ operator }} {{ max_value }}{% endif %})
{%- endmacro %}
