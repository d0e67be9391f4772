{#- The column's share of distinct values among its non-null values (1 when there are none) over the rows matching row_condition, per group_by group, lies between min_value and
    max_value (inclusive unless strictly); one failing row per group outside. -#}
{% test expect_column_proportion_of_unique_values_to_be_between(model, column_name, min_value=none, max_value=none, group_by=none, row_condition=none, strictly=false) -%}
{{ expression_between(model, 'case when count(' ~ column_name ~ ') = 0 then 1 else count(distinct ' ~ column_name ~ ') / cast(count(' ~ column_name ~ ') as double) end', min_value, max_value, group_by, row_condition, strictly, 'expect_column_proportion_of_unique_values_to_be_between') }}
{%- endtest %}
