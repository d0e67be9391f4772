{#- Every value's length (of the rows matching row_condition) is `value`; each other row fails, nulls pass. -#}
{% test expect_column_value_lengths_to_equal(model, column_name, value, row_condition=none) -%}
select {{ column_name }}, length({{ column_name }}) as value_length
from {{ model }}
where length({{ column_name }}) <> {{ value }}
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
