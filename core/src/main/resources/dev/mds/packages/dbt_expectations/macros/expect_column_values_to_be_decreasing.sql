{#- Ordered by sort_column (the column itself by default), within each group_by group, every value is < the
    previous one (<= unless strictly; and differs from it by exactly `step` when given); each row that is not
    fails. Rows after a null, and nulls, pass. -#}
{% test expect_column_values_to_be_decreasing(model, column_name, sort_column=none, strictly=true, row_condition=none, group_by=none, step=none) -%}
{{ values_in_order(model, column_name, '<' if strictly else '<=', sort_column, row_condition, group_by, step) }}
{%- endtest %}
