{#- Every value (of the rows matching row_condition) is null; each non-null row fails. -#}
{% test expect_column_values_to_be_null(model, column_name, row_condition=none) -%}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
