{#- The column's number of distinct values over the rows matching row_condition, per group_by group, lies between min_value and
    max_value (inclusive unless strictly); one failing row per group outside. -#}
{% test expect_column_unique_value_count_to_be_between(model, column_name, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
{{ expression_between(model, 'count(distinct ' ~ column_name ~ ')', min_value, max_value, group_by, row_condition, strictly, 'expect_column_unique_value_count_to_be_between') }}
{%- endtest %}
