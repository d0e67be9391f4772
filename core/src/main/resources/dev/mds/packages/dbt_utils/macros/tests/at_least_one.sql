{#- dbt_utils.at_least_one: fails (one row per group) where the column has no non-null value at all, an empty table included. -#}
{% test at_least_one(model, column_name, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_at_least_one', 'dbt_utils')(model, column_name, group_by_columns)) }}
{%- endtest %}

{% macro default__test_at_least_one(model, column_name, group_by_columns=[]) -%}
{%- set groups = group_by_columns | join(', ') -%}
select {% if groups %}{{ groups }}, {% endif %}count({{ column_name }}) as non_null_values
from {{ model }}
{%- if groups %}
group by {{ groups }}
{%- endif %}
having count({{ column_name }}) = 0
{%- endmacro %}
