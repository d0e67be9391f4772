{#- Every value (of the rows matching row_condition) matches the SQL LIKE pattern; each row that does not fails,
    nulls pass. -#}
{% test expect_column_values_to_match_like_pattern(model, column_name, like_pattern, row_condition=none) -%}
select {{ column_name }}
from {{ model }}
where not ({{ column_name }} like '{{ like_pattern | replace("'", "''") }}')
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
