{#-
  dbt_date's own series helpers, which its date macros are built on; callable as dbt_date.x like
  the package's. Computed in SQL (dbt's versions for DuckDB), so a model needs no query to compile.
-#}

{#- A query of one column, date_<datepart>: start_date and each datepart after it, end_date excluded. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt_date')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
{#- dbt's DuckDB version itself: dbt.date_spine would dispatch to a project's default__date_spine,
    which may be the one overriding this. -#}
{{ dbt.duckdb__date_spine(datepart, start_date, end_date) }}
{%- endmacro %}

{#- A query of one column, generated_number, from 1 to upper_bound. -#}
{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt_date')(upper_bound)) }}
{%- endmacro %}

{% macro default__generate_series(upper_bound) -%}
{#- dbt's DuckDB version itself, as for date_spine. -#}
{{ dbt.duckdb__generate_series(upper_bound) }}
{%- endmacro %}

{#- The smallest n with 2^n >= upper_bound. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt_date')(upper_bound)) }}
{%- endmacro %}

{% macro default__get_powers_of_two(upper_bound) -%}
  {{ return(dbt.mds_packages_powers_of_two(upper_bound)) }}
{%- endmacro %}

{#- The number of datepart periods from start_date to end_date, asked of the database (1 while parsing). -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt_date')(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(dbt.mds_packages_intervals_between(start_date, end_date, datepart)) }}
{%- endmacro %}
