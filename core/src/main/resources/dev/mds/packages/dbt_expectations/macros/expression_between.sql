{#- dbt_expectations' expression_between: the aggregate `expression` over the rows matching
    row_condition, per group_by_columns group, lies between min_value and max_value (inclusive
    unless strictly); one failing row per group outside. The aggregate tests below use it. -#}
{% macro expression_between(model, expression, min_value=none, max_value=none, group_by_columns=none, row_condition=none, strictly=false, test_name='expression_between') -%}
{%- if min_value is none and max_value is none -%}
{{ exceptions.raise_compiler_error(test_name ~ " needs min_value, max_value or both") }}
{%- endif -%}
{%- set operator = '' if strictly else '=' -%}
{%- set groups = (group_by_columns or []) | join(', ') -%}
select *
from (
  select {% if groups %}{{ groups }}, {% endif %}{{ expression }} as expression
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
) aggregated
where not (1 = 1
  {%- if min_value is not none %} and expression >{{ operator }} {{ min_value }}{% endif %}
  {%- if max_value is not none %} and expression <{{ operator }} {{ max_value }}{% endif %})
{%- endmacro %}
