{#- No value (of the rows matching row_condition) contains a match of `regex`; each row with one fails, nulls pass. -#}
{% test expect_column_values_to_not_match_regex(model, column_name, regex, row_condition=none, is_raw=false, flags='') -%}
select {{ column_name }}
from {{ model }}
where regexp_matches({{ column_name }}, '{{ regex | replace("'", "''") }}'{% if flags %}, '{{ flags }}'{% endif %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
{%- endtest %}
