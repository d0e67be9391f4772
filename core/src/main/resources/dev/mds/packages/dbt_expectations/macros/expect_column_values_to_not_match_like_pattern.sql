{#- No value (of the rows matching row_condition) matches the SQL LIKE pattern; each row that does fails. -#}
{% test expect_column_values_to_not_match_like_pattern(model, column_name, like_pattern, row_condition=none) -%}
select {{ column_name }}
from {{ model }}
where {{ column_name }} like '{{ like_pattern | replace("'", "''") }}'
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
