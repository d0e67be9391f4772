{#- The column's sample standard deviation over the rows matching row_condition, per group_by group, lies between min_value and
    max_value (inclusive unless strictly); one failing row per group outside. -#}
{% test expect_column_stdev_to_be_between(model, column_name, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
  {{ return(adapter.dispatch('test_expect_column_stdev_to_be_between', 'dbt_expectations')(model, column_name, min_value, max_value, group_by, row_condition, strictly)) }}
{%- endtest %}

{% macro default__test_expect_column_stdev_to_be_between(model, column_name, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
{{ expression_between(model, 'stddev_samp(' ~ column_name ~ ')', min_value, max_value, group_by, row_condition, strictly, 'expect_column_stdev_to_be_between') }}
{%- endmacro %}
