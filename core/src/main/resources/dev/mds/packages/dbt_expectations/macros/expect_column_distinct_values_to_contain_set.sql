{#- Every value of value_set occurs in the column (in the rows matching row_condition); each missing one fails. -#}
{% test expect_column_distinct_values_to_contain_set(model, column_name, value_set, quote_values=true, row_condition=none) -%}
{{ distinct_values_against_set(model, column_name, value_set, quote_values, row_condition, 'right', 'all_values.value_field is null') }}
{%- endtest %}
