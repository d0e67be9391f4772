{#- Every value's length (of the rows matching row_condition) lies between min_value and max_value (inclusive unless
    strictly); each row outside fails, nulls pass. -#}
{% test expect_column_value_lengths_to_be_between(model, column_name, min_value=none, max_value=none, row_condition=none, strictly=false) -%}
{%- if min_value is none and max_value is none -%}
{{ exceptions.raise_compiler_error("expect_column_value_lengths_to_be_between needs min_value, max_value or both") }}
{%- endif -%}
{%- set operator = '' if strictly else '=' -%}
select {{ column_name }}, length({{ column_name }}) as value_length
from {{ model }}
where not (1 = 1
  {%- if min_value is not none %} and length({{ column_name }}) >{{ operator }} {{ min_value }}{% endif %}
  {%- if max_value is not none %} and length({{ column_name }}) <{{ operator }} {{ max_value }}{% endif %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
