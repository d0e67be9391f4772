{#- dbt_utils.not_empty_string: every row whose value is '' (after trimming, unless trim_whitespace=false) fails; nulls pass. -#}
{% test not_empty_string(model, column_name, trim_whitespace=true) -%}
  {{ return(adapter.dispatch('test_not_empty_string', 'dbt_utils')(model, column_name, trim_whitespace)) }}
{%- endtest %}

{% macro default__test_not_empty_string(model, column_name, trim_whitespace=true) -%}
select {{ column_name }}
from {{ model }}
where {% if trim_whitespace %}trim({{ column_name }}){% else %}{{ column_name }}{% endif %} = ''
{%- endmacro %}
