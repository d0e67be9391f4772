{#- Every value (of the rows matching row_condition) contains no match of any regex of regex_list (with match_on='all': does not match all of
    them); each row that does fails, nulls pass. -#}
{% test expect_column_values_to_not_match_regex_list(model, column_name, regex_list, match_on='any', row_condition=none, is_raw=false, flags='') -%}
select {{ column_name }}
from {{ model }}
where (
  {%- for regex in regex_list %}
  regexp_matches({{ column_name }}, '{{ regex | replace("'", "''") }}'{% if flags %}, '{{ flags }}'{% endif %})
  {%- if not loop.last %} {{ 'and' if match_on == 'all' else 'or' }}{% endif %}
  {%- endfor %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
