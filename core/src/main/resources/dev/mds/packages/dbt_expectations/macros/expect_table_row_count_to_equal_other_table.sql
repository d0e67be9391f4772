{#- The row count of the model (rows matching row_condition, per group_by group) equals compare_model's (rows matching
    compare_row_condition, per compare_group_by group) times `factor`; one failing row per group that differs,
    a group missing on one side counting 0. -#}
{% test expect_table_row_count_to_equal_other_table(model, compare_model, group_by=none, compare_group_by=none, factor=1, row_condition=none, compare_row_condition=none) -%}
  {{ return(adapter.dispatch('test_expect_table_row_count_to_equal_other_table', 'dbt_expectations')(model, compare_model, group_by, compare_group_by, factor, row_condition, compare_row_condition)) }}
{%- endtest %}

{% macro default__test_expect_table_row_count_to_equal_other_table(model, compare_model, group_by=none, compare_group_by=none, factor=1, row_condition=none, compare_row_condition=none) -%}
{%- set group_by = group_by or [] -%}
{%- set compare_group_by = compare_group_by or group_by -%}
{%- set compare_row_condition = compare_row_condition or row_condition %}
with a as (
  select {% for g in group_by %}{{ g }} as col_{{ loop.index }}, {% endfor %}count(*) as expression
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
  {%- if group_by %}
  group by {{ group_by | join(', ') }}
  {%- endif %}
),
b as (
  select {% for g in compare_group_by %}{{ g }} as col_{{ loop.index }}, {% endfor %}count(*) * {{ factor }} as expression
  from {{ compare_model }}
  {%- if compare_row_condition %}
  where {{ compare_row_condition }}
  {%- endif %}
  {%- if compare_group_by %}
  group by {{ compare_group_by | join(', ') }}
  {%- endif %}
)
select
  {%- for g in group_by %}
  coalesce(a.col_{{ loop.index }}, b.col_{{ loop.index }}) as col_{{ loop.index }},
  {%- endfor %}
  a.expression,
  b.expression as compare_expression
from a
{%- if group_by %}
full outer join b on {% for g in group_by %}a.col_{{ loop.index }} = b.col_{{ loop.index }}{% if not loop.last %} and {% endif %}{% endfor %}
{%- else %}
cross join b
{%- endif %}
where coalesce(a.expression, 0) <> coalesce(b.expression, 0)
{%- endmacro %}
