{#- Every value (of the rows matching row_condition) contains a match of `regex` (flags as DuckDB's: 'i' ignores
    case); each row without one fails, nulls pass. -#}
{% test expect_column_values_to_match_regex(model, column_name, regex, row_condition=none, is_raw=false, flags='') -%}
select {{ column_name }}
from {{ model }}
where not regexp_matches({{ column_name }}, '{{ regex | replace("'", "''") }}'{% if flags %}, '{{ flags }}'{% endif %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
