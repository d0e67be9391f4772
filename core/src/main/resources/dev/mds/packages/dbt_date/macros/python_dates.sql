{#-
  Dates and times as template values rather than SQL: Python date/datetime objects (modules.datetime)
  for templates to compute with, and yes/no answers about the run's time, for {% if %} and
  config(enabled=...).
-#}

{% macro date(year, month, day) -%}
  {{ return(adapter.dispatch('date', 'dbt_date')(year, month, day)) }}
{%- endmacro %}

{% macro default__date(year, month, day) -%}
{{ return(modules.datetime.date(year, month, day)) }}
{%- endmacro %}

{#- A datetime in tz, the dbt_date:time_zone var when not given. -#}
{% macro datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tz=None) -%}
  {{ return(adapter.dispatch('datetime', 'dbt_date')(year, month, day, hour, minute, second, microsecond, tz)) }}
{%- endmacro %}

{% macro default__datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tz=None) -%}
{%- set zone = modules.pytz.timezone(tz if tz else var('dbt_date:time_zone', 'America/Los_Angeles')) -%}
{{ return(modules.datetime.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)) }}
{%- endmacro %}

{#-
  value as a datetime with a time zone: text in ISO 8601 ('2026-09-01', '2026-09-01 15:30:00',
  '2026-09-01T15:30:00Z'), a datetime or a date. A value without a zone (a date is its midnight)
  is read in tz, UTC when not given; one with a zone keeps its instant.
-#}
{% macro to_compile_datetime(value, tz=None) -%}
  {{ return(adapter.dispatch('to_compile_datetime', 'dbt_date')(value, tz)) }}
{%- endmacro %}

{% macro default__to_compile_datetime(value, tz=None) -%}
{%- set zone = modules.pytz.timezone(tz if tz else 'UTC') -%}
{%- if value is none -%}
  {%- do exceptions.raise_compiler_error("dbt_date: a date or timestamp is needed, not none") -%}
{%- endif -%}
{#- A date or datetime object reads back from its text: str() gives ISO 8601, with the offset when it has a zone. -#}
{%- set text = (value if value is string else value | string) | trim -%}
{%- if text == '' -%}
  {%- do exceptions.raise_compiler_error("dbt_date: a date or timestamp is needed, not an empty text") -%}
{%- endif -%}
{%- set parsed = modules.datetime.datetime.fromisoformat(text | replace('Z', '+00:00') | replace('z', '+00:00')) -%}
{{ return(parsed if parsed.tzinfo is not none else zone.localize(parsed)) }}
{%- endmacro %}

{#- The time the comparisons are made at: reference, else the run's start (run_started_at). -#}
{% macro compile_reference_datetime(reference=None, tz=None) -%}
  {{ return(adapter.dispatch('compile_reference_datetime', 'dbt_date')(reference, tz)) }}
{%- endmacro %}

{% macro default__compile_reference_datetime(reference=None, tz=None) -%}
{{ return(dbt_date.to_compile_datetime(reference if reference is not none else run_started_at, tz)) }}
{%- endmacro %}

{#- Whether reference (default: the run's start) is strictly before value. -#}
{% macro is_before(value, reference=None, tz=None) -%}
  {{ return(adapter.dispatch('is_before', 'dbt_date')(value, reference, tz)) }}
{%- endmacro %}

{% macro default__is_before(value, reference=None, tz=None) -%}
{{ return(dbt_date.compile_reference_datetime(reference, tz).timestamp() < dbt_date.to_compile_datetime(value, tz).timestamp()) }}
{%- endmacro %}

{% macro is_before_or_equal(value, reference=None, tz=None) -%}
  {{ return(adapter.dispatch('is_before_or_equal', 'dbt_date')(value, reference, tz)) }}
{%- endmacro %}

{% macro default__is_before_or_equal(value, reference=None, tz=None) -%}
{{ return(dbt_date.compile_reference_datetime(reference, tz).timestamp() <= dbt_date.to_compile_datetime(value, tz).timestamp()) }}
{%- endmacro %}

{#- Whether reference (default: the run's start) is strictly after value. -#}
{% macro is_after(value, reference=None, tz=None) -%}
  {{ return(adapter.dispatch('is_after', 'dbt_date')(value, reference, tz)) }}
{%- endmacro %}

{% macro default__is_after(value, reference=None, tz=None) -%}
{{ return(dbt_date.compile_reference_datetime(reference, tz).timestamp() > dbt_date.to_compile_datetime(value, tz).timestamp()) }}
{%- endmacro %}

{% macro is_after_or_equal(value, reference=None, tz=None) -%}
  {{ return(adapter.dispatch('is_after_or_equal', 'dbt_date')(value, reference, tz)) }}
{%- endmacro %}

{% macro default__is_after_or_equal(value, reference=None, tz=None) -%}
{{ return(dbt_date.compile_reference_datetime(reference, tz).timestamp() >= dbt_date.to_compile_datetime(value, tz).timestamp()) }}
{%- endmacro %}

{#-
  Whether reference (default: the run's start) lies between start and end; inclusive says which
  ends count: 'left' (the default, [start, end)), 'right', 'both' or 'neither'.
-#}
{% macro is_between(start, end, reference=None, tz=None, inclusive="left") -%}
  {{ return(adapter.dispatch('is_between', 'dbt_date')(start, end, reference, tz, inclusive)) }}
{%- endmacro %}

{% macro default__is_between(start, end, reference=None, tz=None, inclusive="left") -%}
{%- set at = dbt_date.compile_reference_datetime(reference, tz).timestamp() -%}
{%- set low = dbt_date.to_compile_datetime(start, tz).timestamp() -%}
{%- set high = dbt_date.to_compile_datetime(end, tz).timestamp() -%}
{%- if low > high -%}
  {%- do exceptions.raise_compiler_error("dbt_date.is_between: start " ~ start ~ " is after end " ~ end) -%}
{%- endif -%}
{%- if inclusive == 'left' -%}{{ return(low <= at and at < high) }}
{%- elif inclusive == 'right' -%}{{ return(low < at and at <= high) }}
{%- elif inclusive == 'both' -%}{{ return(low <= at and at <= high) }}
{%- elif inclusive == 'neither' -%}{{ return(low < at and at < high) }}
{%- else -%}
  {%- do exceptions.raise_compiler_error("dbt_date.is_between: inclusive is '" ~ inclusive ~ "'; use left, right, both or neither") -%}
{%- endif -%}
{%- endmacro %}
