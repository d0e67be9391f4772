{#- dbt_utils.equality: the model and compare_model hold the same rows (as sets) over compare_columns, or the model's
    columns but exclude_columns, with numbers rounded to `precision` places if given; each row on one side only fails.
    The column list is read from the database when the test runs, as dbt_utils does. -#}
{% test equality(model, compare_model, compare_columns=none, exclude_columns=none, precision=none) -%}
  {{ return(adapter.dispatch('test_equality', 'dbt_utils')(model, compare_model, compare_columns, exclude_columns, precision)) }}
{%- endtest %}

{% macro default__test_equality(model, compare_model, compare_columns=none, exclude_columns=none, precision=none) -%}
{%- if compare_columns and exclude_columns -%}
{{ exceptions.raise_compiler_error("equality takes compare_columns or exclude_columns, not both") }}
{%- endif -%}
{#- As dbt_utils: the failures are the rows on one side only plus the difference of the two sides' counts. -#}
{{- config(fail_calc="count(*) + coalesce(abs(sum(case when which_diff = 'a_minus_b' then 1 else 0 end)"
    ~ " - sum(case when which_diff = 'b_minus_a' then 1 else 0 end)), 0)") -}}
{%- set projection = [] -%}
{%- if execute -%}
  {%- set excluded = (exclude_columns or []) | map('lower') | list -%}
  {%- set wanted = (compare_columns or []) | map('lower') | list -%}
  {%- for row in run_query('select column_name, column_type from (describe select * from ' ~ model ~ ')') -%}
    {%- set name = row[0] -%}
    {%- if (not wanted or name | lower in wanted) and name | lower not in excluded -%}
      {%- set quoted = '"' ~ name ~ '"' -%}
      {%- if precision is not none and (row[1] | upper).startswith(('DECIMAL', 'DOUBLE', 'FLOAT', 'REAL', 'NUMERIC')) -%}
        {%- do projection.append('round(cast(' ~ quoted ~ ' as double), ' ~ precision ~ ') as ' ~ quoted) -%}
      {%- else -%}
        {%- do projection.append(quoted) -%}
      {%- endif -%}
    {%- endif -%}
  {%- endfor -%}
{%- endif -%}
{%- set columns = projection | join(', ') if projection else '*' %}
with a_minus_b as (
  select {{ columns }} from {{ model }}
  except
  select {{ columns }} from {{ compare_model }}
),
b_minus_a as (
  select {{ columns }} from {{ compare_model }}
  except
  select {{ columns }} from {{ model }}
)
select 'a_minus_b' as which_diff, a_minus_b.* from a_minus_b
union all
select 'b_minus_a' as which_diff, b_minus_a.* from b_minus_a
{%- endmacro %}
