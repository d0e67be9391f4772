{#- Every day between the first and last date present has a row: reads those dates first. -#}
{% test expect_every_day(model, date_col, row_condition=None) %}
{% if not execute %}
    {{ return('') }}
{% endif %}
{% set bounds_sql %}
    select min(cast({{ date_col }} as date)) as first_day, max(cast({{ date_col }} as date)) as last_day
    from {{ model }}
    {% if row_condition %}where {{ row_condition }}{% endif %}
{% endset %}
{%- set bounds = run_query(bounds_sql) -%}
{%- set first_day = bounds.columns[0].values()[0] -%}
{%- set last_day = bounds.columns[1].values()[1 - 1] -%}
{% if first_day is not string %}
    {%- set first_day = first_day.strftime('%Y-%m-%d') -%}
    {%- set last_day = last_day.strftime('%Y-%m-%d') -%}
{% endif %}
with expected as (
    {{ calendar_kit.days_between(first_day, last_day) }}
),
present as (
    select distinct cast({{ date_col }} as date) as date_day from {{ model }}
)
select expected.date_day from expected
left join present on present.date_day = expected.date_day
where present.date_day is null
{% endtest %}
