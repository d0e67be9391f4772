{#-
  The wall-clock time in target_tz of a timestamp read as wall-clock time in source_tz, a timestamp
  without zone. source_tz defaults to UTC, target_tz to the dbt_date:time_zone var.
-#}
{% macro convert_timezone(column, target_tz=None, source_tz=None) -%}
  {{ return(adapter.dispatch('convert_timezone', 'dbt_date')(column, target_tz, source_tz)) }}
{%- endmacro %}

{% macro duckdb__convert_timezone(column, target_tz=None, source_tz=None) -%}
{%- set source = source_tz if source_tz else 'UTC' -%}
{%- set target = target_tz if target_tz else var('dbt_date:time_zone', 'America/Los_Angeles') -%}
timezone('{{ target }}', timezone('{{ source }}', cast({{ column }} as {{ dbt.type_timestamp() }})))
{%- endmacro %}

{#-
  The UTC timestamp (without zone) of a Unix epoch count. dbt_date on DuckDB takes seconds only;
  mds also takes milliseconds and microseconds, as dbt_date does on Snowflake and BigQuery.
-#}
{% macro from_unixtimestamp(epochs, format="seconds") -%}
  {{ return(adapter.dispatch('from_unixtimestamp', 'dbt_date')(epochs, format)) }}
{%- endmacro %}

{% macro duckdb__from_unixtimestamp(epochs, format="seconds") -%}
{%- if format == "seconds" -%}
timezone('UTC', to_timestamp({{ epochs }}))
{%- elif format == "milliseconds" -%}
epoch_ms(cast({{ epochs }} as bigint))
{%- elif format == "microseconds" -%}
make_timestamp(cast({{ epochs }} as bigint))
{%- else -%}
{%- do exceptions.raise_compiler_error("dbt_date.from_unixtimestamp: format '" ~ format
    ~ "' is not supported; use seconds, milliseconds or microseconds") -%}
{%- endif -%}
{%- endmacro %}

{#- Seconds since 1970-01-01 00:00 UTC (with the fraction), a double. -#}
{% macro to_unixtimestamp(timestamp) -%}
  {{ return(adapter.dispatch('to_unixtimestamp', 'dbt_date')(timestamp)) }}
{%- endmacro %}

{% macro default__to_unixtimestamp(timestamp) -%}
date_part('epoch', {{ timestamp }})
{%- endmacro %}

{#- The timestamp's nearest midnight (noon and after round up). -#}
{% macro round_timestamp(timestamp) -%}
  {{ return(adapter.dispatch('round_timestamp', 'dbt_date')(timestamp)) }}
{%- endmacro %}

{% macro default__round_timestamp(timestamp) -%}
{{ dbt.date_trunc('day', dbt.dateadd('hour', 12, timestamp)) }}
{%- endmacro %}
