{#- dbt_utils.sequential_values: ordered by the column (within each group), each value is the previous one plus
    `interval` (of `datepart` when given); every row that is not fails (the first has no previous and passes). -#}
{% test sequential_values(model, column_name, interval=1, datepart=none, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_sequential_values', 'dbt_utils')(model, column_name, interval, datepart, group_by_columns)) }}
{%- endtest %}

{% macro default__test_sequential_values(model, column_name, interval=1, datepart=none, group_by_columns=[]) -%}
{%- set groups = group_by_columns | join(', ') -%}
with windowed as (
  select {% if groups %}{{ groups }}, {% endif %}{{ column_name }},
    lag({{ column_name }}) over ({% if groups %}partition by {{ groups }} {% endif %}order by {{ column_name }}) as previous_{{ column_name }}
  from {{ model }}
)
select *
from windowed
where not ({{ column_name }} =
  {%- if datepart %} previous_{{ column_name }} + interval ({{ interval }}) {{ datepart }}
  {%- else %} previous_{{ column_name }} + {{ interval }}{% endif %})
{%- endmacro %}
