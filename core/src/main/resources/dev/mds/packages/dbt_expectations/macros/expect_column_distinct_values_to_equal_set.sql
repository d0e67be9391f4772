{#- The distinct values of the column (of the rows matching row_condition) are exactly value_set; each value on one
    side only fails (a null in the column too). -#}
{% test expect_column_distinct_values_to_equal_set(model, column_name, value_set, quote_values=true, row_condition=none) -%}
{{ distinct_values_against_set(model, column_name, value_set, quote_values, row_condition, 'full outer', 'all_values.value_field is null or set_values.value_field is null') }}
{%- endtest %}
