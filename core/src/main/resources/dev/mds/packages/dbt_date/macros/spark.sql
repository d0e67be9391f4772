{#- dbt_date's DuckDB-specific macros in Spark SQL (dispatch picks spark__ on a Spark target). -#}

{#- ISO: Monday 1 .. Sunday 7; otherwise Sunday 1 .. Saturday 7. dayofweek is DuckDB's here
    (Sunday 0 .. Saturday 6): mds's Spark parser reads it so. -#}
{% macro spark__day_of_week(date, isoweek=true) -%}
{%- if isoweek -%}
cast(((dayofweek({{ date }}) + 6) % 7) + 1 as int)
{%- else -%}
cast(dayofweek({{ date }}) + 1 as int)
{%- endif -%}
{%- endmacro %}

{% macro spark__day_name(date, short=True, language="default") -%}
{%- if language == "default" -%}
date_format({{ date }}, '{{ "E" if short else "EEEE" }}')
{%- else -%}
{{ dbt_date.day_name_localized(date, short, language) }}
{%- endif -%}
{%- endmacro %}

{% macro spark__month_name(date, short=True, language="default") -%}
{%- if language == "default" -%}
date_format({{ date }}, '{{ "LLL" if short else "LLLL" }}')
{%- else -%}
{{ dbt_date.month_name_localized(date, short, language) }}
{%- endif -%}
{%- endmacro %}

{% macro spark__week_of_year(date) -%}
cast(ceil(dayofyear({{ date }}) / 7) as int)
{%- endmacro %}

{% macro spark__iso_week_of_year(date) -%}
cast(weekofyear({{ date }}) as int)
{%- endmacro %}

{% macro spark__convert_timezone(column, target_tz=None, source_tz=None) -%}
{%- set source = source_tz if source_tz else 'UTC' -%}
{%- set target = target_tz if target_tz else var('dbt_date:time_zone', 'America/Los_Angeles') -%}
from_utc_timestamp(to_utc_timestamp(cast({{ column }} as timestamp), '{{ source }}'), '{{ target }}')
{%- endmacro %}

{% macro spark__from_unixtimestamp(epochs, format="seconds") -%}
{%- if format == "seconds" -%}
timestamp_seconds({{ epochs }})
{%- elif format == "milliseconds" -%}
timestamp_millis(cast({{ epochs }} as bigint))
{%- elif format == "microseconds" -%}
timestamp_micros(cast({{ epochs }} as bigint))
{%- else -%}
{%- do exceptions.raise_compiler_error("dbt_date.from_unixtimestamp: format '" ~ format
    ~ "' is not supported; use seconds, milliseconds or microseconds") -%}
{%- endif -%}
{%- endmacro %}

{#- Sunday. -#}
{% macro spark__week_start(date) -%}
date_sub(cast({{ date }} as date), dayofweek({{ date }}))
{%- endmacro %}

{#- Saturday. -#}
{% macro spark__week_end(date) -%}
date_add({{ dbt_date.week_start(date) }}, 6)
{%- endmacro %}

{#- Monday. -#}
{% macro spark__iso_week_start(date) -%}
cast(date_trunc('week', {{ date }}) as date)
{%- endmacro %}

{#- The series helpers in Spark SQL: dbt's Spark versions (DuckDB's unnest/range are not Spark's). -#}
{% macro spark__date_spine(datepart, start_date, end_date) -%}
{{ dbt.spark__date_spine(datepart, start_date, end_date) }}
{%- endmacro %}

{% macro spark__generate_series(upper_bound) -%}
{{ dbt.spark__generate_series(upper_bound) }}
{%- endmacro %}
