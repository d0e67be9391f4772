{#- The latest value of the column that is not in the future (of the rows matching row_condition) is within
    `interval` `datepart`s of now; one failing row when it is older, or there is none. -#}
{% test expect_row_values_to_have_recent_data(model, column_name, datepart, interval, row_condition=none) -%}
  {{ return(adapter.dispatch('test_expect_row_values_to_have_recent_data', 'dbt_expectations')(model, column_name, datepart, interval, row_condition)) }}
{%- endtest %}

{% macro default__test_expect_row_values_to_have_recent_data(model, column_name, datepart, interval, row_condition=none) -%}
select *
from (
  select max(cast({{ column_name }} as timestamp)) as max_timestamp
  from {{ model }}
  where cast({{ column_name }} as timestamp) <= cast(now() as timestamp)
  {%- if row_condition %}
    and ({{ row_condition }})
  {%- endif %}
) latest
where coalesce(max_timestamp, timestamp '1970-01-01')
  < cast(now() + interval ({{ interval * -1 }}) {{ datepart }} as timestamp)
{%- endmacro %}
