{% macro days_between(start_date, end_date) %}
    {{ return(adapter.dispatch('days_between', 'calendar_kit')(start_date, end_date)) }}
{% endmacro %}

{% macro default__days_between(start_date, end_date) %}
with spine as (
    {{ dbt.date_spine('day', "cast('" ~ start_date ~ "' as date)",
        dbt.dateadd('day', 1, "cast('" ~ end_date ~ "' as date)")) }}
)
select cast(date_day as date) as date_day from spine
{% endmacro %}

{%- macro weekday_label(date_expr, short=false) -%}
    {{ adapter.dispatch('weekday_label', 'calendar_kit')(date_expr, short) }}
{%- endmacro -%}

{%- macro default__weekday_label(date_expr, short) -%}
    {%- set fmt = '%a' if short else '%A' -%}
    strftime({{ date_expr }}, '{{ fmt }}')
{%- endmacro -%}

{%- macro first_of_month(year, month) -%}
    {{ return(modules.datetime.date(year, month, 1)) }}
{%- endmacro -%}
