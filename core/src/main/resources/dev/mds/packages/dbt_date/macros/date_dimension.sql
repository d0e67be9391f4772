{#-
  A query of one timestamp column, date_<datepart>: one row per datepart from start_date up to,
  not including, end_date (both 'YYYY-MM-DD' text or dates); or, given n_dateparts instead, from
  n_dateparts dateparts before today (in dbt_date:time_zone) through today.
-#}
{% macro get_base_dates(start_date=None, end_date=None, n_dateparts=None, datepart="day") -%}
  {{ return(adapter.dispatch('get_base_dates', 'dbt_date')(start_date, end_date, n_dateparts, datepart)) }}
{%- endmacro %}

{% macro default__get_base_dates(start_date=None, end_date=None, n_dateparts=None, datepart="day") -%}
{%- if start_date and end_date -%}
  {%- set first = "cast('" ~ start_date ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
  {%- set last = "cast('" ~ end_date ~ "' as " ~ dbt.type_timestamp() ~ ")" -%}
{%- elif n_dateparts and datepart -%}
  {%- set first = dbt.dateadd(datepart, -1 * n_dateparts, dbt_date.today()) -%}
  {%- set last = dbt_date.tomorrow() -%}
{%- else -%}
  {%- do exceptions.raise_compiler_error("dbt_date.get_base_dates needs start_date and end_date, or n_dateparts and datepart") -%}
{%- endif -%}
select cast(spine.date_{{ datepart }} as {{ dbt.type_timestamp() }}) as date_{{ datepart }}
from ({{ dbt_date.date_spine(datepart, first, last) }}) as spine
{%- endmacro %}

{#-
  A calendar table: one row per day from start_date up to, not including, end_date, with dbt_date's
  columns in its order. Weeks start on Sunday, ISO weeks on Monday; the "prior year over year"
  day is 364 days (52 weeks) back, so it falls on the same weekday.
-#}
{% macro get_date_dimension(start_date, end_date) -%}
  {{ return(adapter.dispatch('get_date_dimension', 'dbt_date')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__get_date_dimension(start_date, end_date) -%}
with days as (
    select
        cast(base.date_day as date) as date_day,
        cast({{ dbt.dateadd('year', -1, 'base.date_day') }} as date) as prior_year_date_day,
        cast(base.date_day as date) - 364 as prior_year_over_year_date_day
    from ({{ dbt_date.get_base_dates(start_date, end_date) }}) as base
)
select
    d.date_day,
    {{ dbt_date.yesterday('d.date_day') }} as prior_date_day,
    {{ dbt_date.tomorrow('d.date_day') }} as next_date_day,
    d.prior_year_date_day,
    d.prior_year_over_year_date_day,
    {{ dbt_date.day_of_week('d.date_day', isoweek=false) }} as day_of_week,
    {{ dbt_date.day_of_week('d.date_day', isoweek=true) }} as day_of_week_iso,
    {{ dbt_date.day_name('d.date_day', short=false) }} as day_of_week_name,
    {{ dbt_date.day_name('d.date_day', short=true) }} as day_of_week_name_short,
    {{ dbt_date.day_of_month('d.date_day') }} as day_of_month,
    {{ dbt_date.day_of_year('d.date_day') }} as day_of_year,
    {{ dbt_date.week_start('d.date_day') }} as week_start_date,
    {{ dbt_date.week_end('d.date_day') }} as week_end_date,
    {{ dbt_date.week_start('d.prior_year_over_year_date_day') }} as prior_year_week_start_date,
    {{ dbt_date.week_end('d.prior_year_over_year_date_day') }} as prior_year_week_end_date,
    {{ dbt_date.week_of_year('d.date_day') }} as week_of_year,
    {{ dbt_date.iso_week_start('d.date_day') }} as iso_week_start_date,
    {{ dbt_date.iso_week_end('d.date_day') }} as iso_week_end_date,
    {{ dbt_date.iso_week_start('d.prior_year_over_year_date_day') }} as prior_year_iso_week_start_date,
    {{ dbt_date.iso_week_end('d.prior_year_over_year_date_day') }} as prior_year_iso_week_end_date,
    {{ dbt_date.iso_week_of_year('d.date_day') }} as iso_week_of_year,
    {{ dbt_date.iso_year_week('d.date_day') }} as iso_year_week,
    {{ dbt_date.week_of_year('d.prior_year_over_year_date_day') }} as prior_year_week_of_year,
    {{ dbt_date.iso_week_of_year('d.prior_year_over_year_date_day') }} as prior_year_iso_week_of_year,
    cast(date_part('month', d.date_day) as {{ dbt.type_int() }}) as month_of_year,
    {{ dbt_date.month_name('d.date_day', short=false) }} as month_name,
    {{ dbt_date.month_name('d.date_day', short=true) }} as month_name_short,
    cast({{ dbt.date_trunc('month', 'd.date_day') }} as date) as month_start_date,
    {{ dbt.last_day('d.date_day', 'month') }} as month_end_date,
    cast({{ dbt.date_trunc('month', 'd.prior_year_date_day') }} as date) as prior_year_month_start_date,
    {{ dbt.last_day('d.prior_year_date_day', 'month') }} as prior_year_month_end_date,
    cast(date_part('quarter', d.date_day) as {{ dbt.type_int() }}) as quarter_of_year,
    cast({{ dbt.date_trunc('quarter', 'd.date_day') }} as date) as quarter_start_date,
    {{ dbt.last_day('d.date_day', 'quarter') }} as quarter_end_date,
    cast(date_part('year', d.date_day) as {{ dbt.type_int() }}) as year_number,
    cast({{ dbt.date_trunc('year', 'd.date_day') }} as date) as year_start_date,
    {{ dbt.last_day('d.date_day', 'year') }} as year_end_date
from days as d
order by 1
{%- endmacro %}
