{#- In every row (matching row_condition) column_A > column_B (>= with or_equal); each row that is not fails, rows with
    a null pass. -#}
{% test expect_column_pair_values_A_to_be_greater_than_B(model, column_A, column_B, or_equal=false, row_condition=none) -%}
select {{ column_A }}, {{ column_B }}
from {{ model }}
where not ({{ column_A }} {{ '>=' if or_equal else '>' }} {{ column_B }})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
