{#-
  The first and last day of the week that holds a date, as dates. dbt_date's weeks start on Sunday;
  its ISO weeks on Monday. date defaults to today in tz (dbt_date:time_zone when not given).
-#}

{#- Sunday: the date moved back by its day of the week (0 for Sunday .. 6 for Saturday). -#}
{% macro week_start(date=None, tz=None) -%}
  {%- set dt = date if date else dbt_date.today(tz) -%}
  {{ return(adapter.dispatch('week_start', 'dbt_date')(dt)) }}
{%- endmacro %}

{% macro duckdb__week_start(date) -%}
{%- set day = date -%}
(cast({{ day }} as date) - cast(date_part('dow', {{ day }}) as {{ dbt.type_int() }}))
{%- endmacro %}

{#- Saturday. -#}
{% macro week_end(date=None, tz=None) -%}
  {%- set dt = date if date else dbt_date.today(tz) -%}
  {{ return(adapter.dispatch('week_end', 'dbt_date')(dt)) }}
{%- endmacro %}

{% macro duckdb__week_end(date) -%}
{%- set day = date -%}
({{ dbt_date.week_start(day) }} + 6)
{%- endmacro %}

{#- Monday. -#}
{% macro iso_week_start(date=None, tz=None) -%}
  {%- set dt = date if date else dbt_date.today(tz) -%}
  {{ return(adapter.dispatch('iso_week_start', 'dbt_date')(dt)) }}
{%- endmacro %}

{% macro duckdb__iso_week_start(date) -%}
{%- set day = date -%}
cast({{ dbt.date_trunc('week', day) }} as date)
{%- endmacro %}

{#- Sunday. -#}
{% macro iso_week_end(date=None, tz=None) -%}
  {%- set dt = date if date else dbt_date.today(tz) -%}
  {{ return(adapter.dispatch('iso_week_end', 'dbt_date')(dt)) }}
{%- endmacro %}

{% macro default__iso_week_end(date) -%}
{%- set day = date -%}
({{ dbt_date.iso_week_start(day) }} + 6)
{%- endmacro %}
