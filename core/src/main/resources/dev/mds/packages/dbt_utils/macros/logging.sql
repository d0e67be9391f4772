{#- The time now, as text in `format` (strftime's codes). -#}
{% macro pretty_time(format='%H:%M:%S') -%}
  {{ return(adapter.dispatch('pretty_time', 'dbt_utils')(format)) }}
{%- endmacro %}

{% macro default__pretty_time(format='%H:%M:%S') -%}
  {{ return(modules.datetime.datetime.now().strftime(format)) }}
{%- endmacro %}

{#- The message after the time now: 'HH:MM:SS + message'. -#}
{% macro pretty_log_format(message) -%}
  {{ return(adapter.dispatch('pretty_log_format', 'dbt_utils')(message)) }}
{%- endmacro %}

{% macro default__pretty_log_format(message) -%}
  {{ return(dbt_utils.pretty_time() ~ ' + ' ~ message) }}
{%- endmacro %}

{#- Logs the message, time-stamped, where the run's progress is shown. -#}
{% macro log_info(message) -%}
  {{ return(adapter.dispatch('log_info', 'dbt_utils')(message)) }}
{%- endmacro %}

{% macro default__log_info(message) -%}
  {{ log(dbt_utils.pretty_log_format(message), info=True) }}
{%- endmacro %}
