{#- In every row (matching row_condition) column_A = column_B; each row that differs fails, rows with a null pass. -#}
{% test expect_column_pair_values_to_be_equal(model, column_A, column_B, row_condition=none) -%}
select {{ column_A }}, {{ column_B }}
from {{ model }}
where not ({{ column_A }} = {{ column_B }})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
