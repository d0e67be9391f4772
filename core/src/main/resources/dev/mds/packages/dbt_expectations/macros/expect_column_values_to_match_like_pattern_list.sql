{#- Every value (of the rows matching row_condition) matches any LIKE pattern of like_pattern_list (all of them with
    match_on='all'); each row that does not fails, nulls pass. -#}
{% test expect_column_values_to_match_like_pattern_list(model, column_name, like_pattern_list, match_on='any', row_condition=none) -%}
select {{ column_name }}
from {{ model }}
where not (
  {%- for pattern in like_pattern_list %}
  {{ column_name }} like '{{ pattern | replace("'", "''") }}'
  {%- if not loop.last %} {{ 'and' if match_on == 'all' else 'or' }}{% endif %}
  {%- endfor %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
