{#- dbt_utils.not_accepted_values: none of `values` occurs in the column; each distinct forbidden value found fails. -#}
{% test not_accepted_values(model, column_name, values, quote=true) -%}
  {{ return(adapter.dispatch('test_not_accepted_values', 'dbt_utils')(model, column_name, values, quote)) }}
{%- endtest %}

{% macro default__test_not_accepted_values(model, column_name, values, quote=true) -%}
select distinct {{ column_name }} as value_field
from {{ model }}
where {{ column_name }} in (
  {%- for v in values -%}
  {% if quote %}'{{ v | string | replace("'", "''") }}'{% else %}{{ v }}{% endif %}{% if not loop.last %}, {% endif %}
  {%- endfor -%}
)
{%- endmacro %}
