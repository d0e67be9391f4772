{#-
  Retail (4-5-4) fiscal calendars over a date dimension (`dates`, a relation built with
  get_date_dimension). A fiscal year ends on the last day of the week (weeks start on
  week_start_day, 1 = Sunday .. 7 = Saturday) whose end is nearest the end of month year_end_month,
  and is numbered by that month's calendar year minus shift_year. The first fiscal year in `dates`
  has no known start and is left out.
-#}

{#- One row per day: its fiscal year (number, first and last day), its week and the week's number in the fiscal year. -#}
{% macro get_fiscal_year_dates(dates, year_end_month=12, week_start_day=1, shift_year=1) -%}
  {{ return(adapter.dispatch('get_fiscal_year_dates', 'dbt_date')(dates, year_end_month, week_start_day, shift_year)) }}
{%- endmacro %}

{% macro default__get_fiscal_year_dates(dates, year_end_month=12, week_start_day=1, shift_year=1) -%}
with fiscal_calendar as (
    select * from {{ dates }}
),
fiscal_weeks as (
    select date_day as week_start_date, cast(date_day + 6 as date) as week_end_date,
           year_number, month_of_year
    from fiscal_calendar
    where day_of_week = {{ week_start_day }}
),
fiscal_year_ends as (
    -- per fiscal year, the week ending nearest the end of its closing month
    select fiscal_year_number, week_end_date as fiscal_year_end_date
    from (
        select w.year_number - {{ shift_year }} as fiscal_year_number, w.week_end_date,
               row_number() over (
                   partition by w.year_number
                   order by abs({{ dbt.datediff('w.week_end_date', 'm.month_end_date', 'day') }})
               ) as nearness
        from fiscal_weeks as w
        join (
            select distinct year_number, month_end_date
            from fiscal_calendar
            where month_of_year = {{ year_end_month }}
        ) as m on m.year_number = w.year_number
        where w.month_of_year = {{ year_end_month }}
    ) as candidates
    where nearness = 1
),
fiscal_years as (
    select fiscal_year_number,
           cast(lag(fiscal_year_end_date) over (order by fiscal_year_end_date) + 1 as date) as fiscal_year_start_date,
           fiscal_year_end_date
    from fiscal_year_ends
)
select
    d.date_day,
    y.fiscal_year_number,
    y.fiscal_year_start_date,
    y.fiscal_year_end_date,
    w.week_start_date,
    w.week_end_date,
    dense_rank() over (partition by y.fiscal_year_number order by w.week_start_date) as fiscal_week_of_year
from fiscal_calendar as d
join fiscal_years as y on d.date_day between y.fiscal_year_start_date and y.fiscal_year_end_date
join fiscal_weeks as w on d.date_day between w.week_start_date and w.week_end_date
order by 1
{%- endmacro %}

{#-
  One row per day with its fiscal week, period and quarter: each quarter is 13 weeks split 4-5-4
  into three periods (12 periods a year); a 53rd week joins the year's last period.
-#}
{% macro get_fiscal_periods(dates, year_end_month, week_start_day, shift_year=1) -%}
  {{ return(adapter.dispatch('get_fiscal_periods', 'dbt_date')(dates, year_end_month, week_start_day, shift_year)) }}
{%- endmacro %}

{% macro default__get_fiscal_periods(dates, year_end_month, week_start_day, shift_year=1) -%}
with fiscal_days as (
    {{ dbt_date.get_fiscal_year_dates(dates, year_end_month, week_start_day, shift_year) }}
),
fiscal_quarters as (
    select *,
        cast(least(floor((fiscal_week_of_year - 1) / 13.0), 3) as {{ dbt.type_int() }}) as quarter_index,
        case
            when fiscal_week_of_year = 53 then 3
            when (fiscal_week_of_year - 1) % 13 < 4 then 1
            when (fiscal_week_of_year - 1) % 13 < 9 then 2
            else 3
        end as period_of_quarter
    from fiscal_days
),
fiscal_periods as (
    select *, cast(quarter_index * 3 + period_of_quarter as {{ dbt.type_int() }}) as fiscal_period_number
    from fiscal_quarters
)
select
    date_day,
    fiscal_year_number,
    week_start_date,
    week_end_date,
    fiscal_week_of_year,
    dense_rank() over (
        partition by fiscal_year_number, fiscal_period_number order by fiscal_week_of_year
    ) as fiscal_week_of_period,
    fiscal_period_number,
    quarter_index + 1 as fiscal_quarter_number,
    period_of_quarter as fiscal_period_of_quarter
from fiscal_periods
order by 1, 2
{%- endmacro %}
