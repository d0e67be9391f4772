{#-
  dbt_date's own series helpers, which its date macros are built on; callable as dbt_date.x like
  the package's. Computed in SQL (dbt's versions for DuckDB), so a model needs no query to compile.
-#}

{#- A query of one column, date_<datepart>: start_date and each datepart after it, end_date excluded. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
{{ dbt.date_spine(datepart, start_date, end_date) }}
{%- endmacro %}

{#- A query of one column, generated_number, from 1 to upper_bound. -#}
{% macro generate_series(upper_bound) -%}
{{ dbt.generate_series(upper_bound) }}
{%- endmacro %}

{#- The smallest n with 2^n >= upper_bound. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {%- if upper_bound <= 0 -%}{%- do exceptions.raise_compiler_error("upper bound must be positive") -%}{%- endif -%}
  {%- for n in range(1, 100) -%}
    {%- if upper_bound <= 2 ** n -%}{{ return(n) }}{%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{#- The number of datepart periods from start_date to end_date, asked of the database (1 while parsing). -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {%- if not execute -%}{{ return(1) }}{%- endif -%}
  {%- set result = run_query("select " ~ dbt.datediff(start_date, end_date, datepart)) -%}
  {{ return(result[0][0] if result | length > 0 else 1) }}
{%- endmacro %}
