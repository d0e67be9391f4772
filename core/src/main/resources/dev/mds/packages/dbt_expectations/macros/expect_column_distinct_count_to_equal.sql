{#- The number of distinct non-null values (of the rows matching row_condition, per group_by group) is = `value`;
    one failing row per group where it is not. -#}
{% test expect_column_distinct_count_to_equal(model, column_name, value, group_by=none, row_condition=none) -%}
{{ expression_between(model, 'count(distinct ' ~ column_name ~ ')', value, value, group_by, row_condition, false, 'expect_column_distinct_count_to_equal') }}
{%- endtest %}
