{#- dbt_utils.recency: fails (one row per group) when the latest `field` is older than `interval` `datepart`s ago, or there is none. -#}
{% test recency(model, field, datepart, interval, ignore_time_component=false, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_recency', 'dbt_utils')(model, field, datepart, interval, ignore_time_component, group_by_columns)) }}
{%- endtest %}

{% macro default__test_recency(model, field, datepart, interval, ignore_time_component=false, group_by_columns=[]) -%}
{%- set groups = group_by_columns | join(', ') -%}
{%- set threshold = 'cast(now() + interval (' ~ (interval * -1) ~ ') ' ~ datepart ~ ' as '
    ~ ('date' if ignore_time_component else 'timestamp') ~ ')' -%}
select *
from (
  select {% if groups %}{{ groups }}, {% endif %}
    {%- if ignore_time_component %}cast(max({{ field }}) as date){% else %}max({{ field }}){% endif %} as most_recent,
    {{ threshold }} as threshold
  from {{ model }}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
) recency
where most_recent < threshold or most_recent is null
{%- endmacro %}
