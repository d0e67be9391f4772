{#- dbt_utils.not_constant: fails (one row per group) where the column holds a single distinct non-null value. -#}
{% test not_constant(model, column_name, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_not_constant', 'dbt_utils')(model, column_name, group_by_columns)) }}
{%- endtest %}

{% macro default__test_not_constant(model, column_name, group_by_columns=[]) -%}
{%- set groups = group_by_columns | join(', ') -%}
select {% if groups %}{{ groups }}, {% endif %}count(distinct {{ column_name }}) as distinct_values
from {{ model }}
{%- if groups %}
group by {{ groups }}
{%- endif %}
having count(distinct {{ column_name }}) = 1
{%- endmacro %}
