{#- Every value (of the rows matching row_condition) contains a match of any regex of regex_list (all of them with match_on='all'); each row
    that does not fails, nulls pass. -#}
{% test expect_column_values_to_match_regex_list(model, column_name, regex_list, match_on='any', row_condition=none, is_raw=false, flags='') -%}
select {{ column_name }}
from {{ model }}
where not (
  {%- for regex in regex_list %}
  regexp_matches({{ column_name }}, '{{ regex | replace("'", "''") }}'{% if flags %}, '{{ flags }}'{% endif %})
  {%- if not loop.last %} {{ 'and' if match_on == 'all' else 'or' }}{% endif %}
  {%- endfor %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
