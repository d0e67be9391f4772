{#-
  One part of a date or timestamp, as SQL. `date` is a SQL expression (a column, a cast literal);
  a null one gives null, as DuckDB's functions do.
-#}

{#- DuckDB's date_part of any part it knows: 'year', 'month', 'dow', 'isodow', 'week', 'epoch', ... -#}
{% macro date_part(datepart, date) -%}
  {{ return(adapter.dispatch('date_part', 'dbt_date')(datepart, date)) }}
{%- endmacro %}

{% macro default__date_part(datepart, date) -%}
date_part('{{ datepart }}', {{ date }})
{%- endmacro %}

{#- 1 = Monday .. 7 = Sunday when isoweek, else 1 = Sunday .. 7 = Saturday; an integer. -#}
{% macro day_of_week(date, isoweek=true) -%}
  {{ return(adapter.dispatch('day_of_week', 'dbt_date')(date, isoweek)) }}
{%- endmacro %}

{% macro duckdb__day_of_week(date, isoweek=true) -%}
{%- if isoweek -%}
cast(date_part('isodow', {{ date }}) as {{ dbt.type_int() }})
{%- else -%}
cast(date_part('dow', {{ date }}) + 1 as {{ dbt.type_int() }})
{%- endif -%}
{%- endmacro %}

{#- 'Monday', or 'Mon' when short; language picks a localized name (see localized_names.sql). -#}
{% macro day_name(date, short=True, language="default") -%}
  {{ return(adapter.dispatch('day_name', 'dbt_date')(date, short, language)) }}
{%- endmacro %}

{% macro duckdb__day_name(date, short=True, language="default") -%}
{%- if language == "default" -%}
{%- if short -%}left(dayname({{ date }}), 3){%- else -%}dayname({{ date }}){%- endif -%}
{%- else -%}
{{ dbt_date.day_name_localized(date, short, language) }}
{%- endif -%}
{%- endmacro %}

{#- 'January', or 'Jan' when short; language picks a localized name (see localized_names.sql). -#}
{% macro month_name(date, short=True, language="default") -%}
  {{ return(adapter.dispatch('month_name', 'dbt_date')(date, short, language)) }}
{%- endmacro %}

{% macro duckdb__month_name(date, short=True, language="default") -%}
{%- if language == "default" -%}
{%- if short -%}left(monthname({{ date }}), 3){%- else -%}monthname({{ date }}){%- endif -%}
{%- else -%}
{{ dbt_date.month_name_localized(date, short, language) }}
{%- endif -%}
{%- endmacro %}

{% macro day_of_month(date) -%}
  {{ return(adapter.dispatch('day_of_month', 'dbt_date')(date)) }}
{%- endmacro %}

{% macro default__day_of_month(date) -%}
date_part('day', {{ date }})
{%- endmacro %}

{% macro day_of_year(date) -%}
  {{ return(adapter.dispatch('day_of_year', 'dbt_date')(date)) }}
{%- endmacro %}

{% macro default__day_of_year(date) -%}
date_part('dayofyear', {{ date }})
{%- endmacro %}

{#-
  The week of the year counted from January 1st in blocks of seven days (days 1-7 are week 1,
  8-14 week 2, ...), which is what dbt_date gives on DuckDB; date defaults to today in tz.
-#}
{% macro week_of_year(date=None, tz=None) -%}
  {%- set dt = date if date else dbt_date.today(tz) -%}
  {{ return(adapter.dispatch('week_of_year', 'dbt_date')(dt)) }}
{%- endmacro %}

{% macro duckdb__week_of_year(date) -%}
{%- set day = date -%}
cast(ceil(dayofyear({{ day }}) / 7) as {{ dbt.type_int() }})
{%- endmacro %}

{#- The ISO 8601 week number (weeks start on Monday; week 1 holds January 4th); date defaults to today in tz. -#}
{% macro iso_week_of_year(date=None, tz=None) -%}
  {%- set dt = date if date else dbt_date.today(tz) -%}
  {{ return(adapter.dispatch('iso_week_of_year', 'dbt_date')(dt)) }}
{%- endmacro %}

{% macro duckdb__iso_week_of_year(date) -%}
{%- set day = date -%}
cast(date_part('week', {{ day }}) as {{ dbt.type_int() }})
{%- endmacro %}

{#-
  The ISO year and week as text, '2025-W01' for 2024-12-30. The year is the ISO year, which differs
  from the calendar year in the days around New Year that belong to the other year's week. A null
  date gives null (dbt_date itself gives '-W00' on DuckDB, its text functions skipping nulls).
-#}
{% macro iso_year_week(date) -%}
  {{ return(adapter.dispatch('iso_year_week', 'dbt_date')(date)) }}
{%- endmacro %}

{% macro default__iso_year_week(date) -%}
(cast(date_part('isoyear', {{ date }}) as {{ dbt.type_string() }}) || '-W' || lpad(cast(date_part('week', {{ date }}) as {{ dbt.type_string() }}), 2, '0'))
{%- endmacro %}
