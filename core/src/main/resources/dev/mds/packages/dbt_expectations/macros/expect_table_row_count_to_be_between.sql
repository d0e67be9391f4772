{#- The row count (of the rows matching row_condition, per group_by group) lies between min_value and max_value
    (inclusive unless strictly); one failing row per group outside. Without group_by an empty table is counted as 0. -#}
{% test expect_table_row_count_to_be_between(model, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
  {{ return(adapter.dispatch('test_expect_table_row_count_to_be_between', 'dbt_expectations')(model, min_value, max_value, group_by, row_condition, strictly)) }}
{%- endtest %}

{% macro default__test_expect_table_row_count_to_be_between(model, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
{{ expression_between(model, 'count(*)', min_value, max_value, group_by, row_condition, strictly, 'expect_table_row_count_to_be_between') }}
{%- endmacro %}
