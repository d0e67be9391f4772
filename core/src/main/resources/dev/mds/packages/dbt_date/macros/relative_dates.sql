{#-
  Dates relative to now, or to a given date. "Now" is the current timestamp moved from UTC to tz,
  which defaults to the dbt_date:time_zone var (America/Los_Angeles unless the project sets it), so
  "today" is the date in that zone. A `date` argument is a SQL expression; when it is given the
  zone plays no part.
-#}

{#- The current wall-clock time in tz, a timestamp without zone. -#}
{% macro now(tz=None) -%}
  {{ return(adapter.dispatch('now', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__now(tz=None) -%}
{{ dbt_date.convert_timezone(dbt.current_timestamp(), tz) }}
{%- endmacro %}

{% macro today(tz=None) -%}
  {{ return(adapter.dispatch('today', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__today(tz=None) -%}
cast({{ dbt_date.now(tz) }} as date)
{%- endmacro %}

{#- The date n days before date (default today), as a date; n is a whole number. -#}
{% macro n_days_ago(n, date=None, tz=None) -%}
  {{ return(adapter.dispatch('n_days_ago', 'dbt_date')(n, date, tz)) }}
{%- endmacro %}

{% macro default__n_days_ago(n, date=None, tz=None) -%}
{%- set day = date if date else dbt_date.today(tz) -%}
(cast({{ day }} as date) - {{ n | int }})
{%- endmacro %}

{% macro n_days_away(n, date=None, tz=None) -%}
  {{ return(adapter.dispatch('n_days_away', 'dbt_date')(n, date, tz)) }}
{%- endmacro %}

{% macro default__n_days_away(n, date=None, tz=None) -%}
{{ dbt_date.n_days_ago(-1 * (n | int), date, tz) }}
{%- endmacro %}

{% macro yesterday(date=None, tz=None) -%}
  {{ return(adapter.dispatch('yesterday', 'dbt_date')(date, tz)) }}
{%- endmacro %}

{% macro default__yesterday(date=None, tz=None) -%}
{{ dbt_date.n_days_ago(1, date, tz) }}
{%- endmacro %}

{% macro tomorrow(date=None, tz=None) -%}
  {{ return(adapter.dispatch('tomorrow', 'dbt_date')(date, tz)) }}
{%- endmacro %}

{% macro default__tomorrow(date=None, tz=None) -%}
{{ dbt_date.n_days_away(1, date, tz) }}
{%- endmacro %}

{#- The start (Monday, as a timestamp) of the ISO week n weeks before today. -#}
{% macro n_weeks_ago(n, tz=None) -%}
  {{ return(adapter.dispatch('n_weeks_ago', 'dbt_date')(n, tz)) }}
{%- endmacro %}

{% macro default__n_weeks_ago(n, tz=None) -%}
{{ dbt.date_trunc('week', dbt.dateadd('week', -1 * (n | int), dbt_date.today(tz))) }}
{%- endmacro %}

{% macro n_weeks_away(n, tz=None) -%}
  {{ return(adapter.dispatch('n_weeks_away', 'dbt_date')(n, tz)) }}
{%- endmacro %}

{% macro default__n_weeks_away(n, tz=None) -%}
{{ dbt.date_trunc('week', dbt.dateadd('week', n | int, dbt_date.today(tz))) }}
{%- endmacro %}

{#- The first day (as a timestamp) of the month n months before today. -#}
{% macro n_months_ago(n, tz=None) -%}
  {{ return(adapter.dispatch('n_months_ago', 'dbt_date')(n, tz)) }}
{%- endmacro %}

{% macro default__n_months_ago(n, tz=None) -%}
{{ dbt.date_trunc('month', dbt.dateadd('month', -1 * (n | int), dbt_date.today(tz))) }}
{%- endmacro %}

{% macro n_months_away(n, tz=None) -%}
  {{ return(adapter.dispatch('n_months_away', 'dbt_date')(n, tz)) }}
{%- endmacro %}

{% macro default__n_months_away(n, tz=None) -%}
{{ dbt.date_trunc('month', dbt.dateadd('month', n | int, dbt_date.today(tz))) }}
{%- endmacro %}

{% macro last_week(tz=None) -%}
  {{ return(adapter.dispatch('last_week', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__last_week(tz=None) -%}
{{ dbt_date.n_weeks_ago(1, tz) }}
{%- endmacro %}

{% macro next_week(tz=None) -%}
  {{ return(adapter.dispatch('next_week', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__next_week(tz=None) -%}
{{ dbt_date.n_weeks_away(1, tz) }}
{%- endmacro %}

{% macro last_month(tz=None) -%}
  {{ return(adapter.dispatch('last_month', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__last_month(tz=None) -%}
{{ dbt_date.n_months_ago(1, tz) }}
{%- endmacro %}

{% macro next_month(tz=None) -%}
  {{ return(adapter.dispatch('next_month', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__next_month(tz=None) -%}
{{ dbt_date.n_months_away(1, tz) }}
{%- endmacro %}

{% macro last_month_name(short=True, tz=None) -%}
  {{ return(adapter.dispatch('last_month_name', 'dbt_date')(short, tz)) }}
{%- endmacro %}

{% macro default__last_month_name(short=True, tz=None) -%}
{{ dbt_date.month_name(dbt_date.last_month(tz), short=short) }}
{%- endmacro %}

{% macro next_month_name(short=True, tz=None) -%}
  {{ return(adapter.dispatch('next_month_name', 'dbt_date')(short, tz)) }}
{%- endmacro %}

{% macro default__next_month_name(short=True, tz=None) -%}
{{ dbt_date.month_name(dbt_date.next_month(tz), short=short) }}
{%- endmacro %}

{% macro last_month_number(tz=None) -%}
  {{ return(adapter.dispatch('last_month_number', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__last_month_number(tz=None) -%}
date_part('month', {{ dbt_date.last_month(tz) }})
{%- endmacro %}

{% macro next_month_number(tz=None) -%}
  {{ return(adapter.dispatch('next_month_number', 'dbt_date')(tz)) }}
{%- endmacro %}

{% macro default__next_month_number(tz=None) -%}
date_part('month', {{ dbt_date.next_month(tz) }})
{%- endmacro %}

{#- How many period_name boundaries (dbt's datediff) lie between date_col and now in tz. -#}
{% macro periods_since(date_col, period_name='day', tz=None) -%}
  {{ return(adapter.dispatch('periods_since', 'dbt_date')(date_col, period_name, tz)) }}
{%- endmacro %}

{% macro default__periods_since(date_col, period_name='day', tz=None) -%}
{{ dbt.datediff(date_col, dbt_date.now(tz), period_name) }}
{%- endmacro %}
