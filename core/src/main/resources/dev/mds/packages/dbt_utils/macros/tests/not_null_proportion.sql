{#- dbt_utils.not_null_proportion: the share of non-null values (per group) lies in [at_least, at_most]; one row per group outside it. -#}
{% test not_null_proportion(model, column_name, at_least, at_most=1.0, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_not_null_proportion', 'dbt_utils')(model, group_by_columns,
      column_name=column_name, at_least=at_least, at_most=at_most)) }}
{%- endtest %}

{#- As in dbt_utils, the implementation takes the model and groups, the rest by keyword. -#}
{% macro default__test_not_null_proportion(model, group_by_columns=[], column_name=none, at_least=none, at_most=1.0) -%}
{%- set groups = group_by_columns | join(', ') -%}
select *
from (
  select {% if groups %}{{ groups }}, {% endif %}count({{ column_name }}) / cast(count(*) as double) as not_null_proportion
  from {{ model }}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
) proportions
where not_null_proportion < {{ at_least }} or not_null_proportion > {{ at_most }}
{%- endmacro %}
