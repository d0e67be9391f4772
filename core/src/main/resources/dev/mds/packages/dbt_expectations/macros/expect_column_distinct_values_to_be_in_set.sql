{#- Every distinct value of the column (of the rows matching row_condition) is in value_set; each distinct value
    outside it fails. -#}
{% test expect_column_distinct_values_to_be_in_set(model, column_name, value_set, quote_values=true, row_condition=none) -%}
{{ distinct_values_against_set(model, column_name, value_set, quote_values, row_condition, 'left', 'set_values.value_field is null') }}
{%- endtest %}
