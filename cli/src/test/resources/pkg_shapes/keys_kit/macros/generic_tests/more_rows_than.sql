{% test more_rows_than(model, compare_model, group_by_columns=[]) %}
  {{ return(adapter.dispatch('test_more_rows_than', 'keys_kit')(model, compare_model, group_by_columns)) }}
{% endtest %}

{% macro default__test_more_rows_than(model, compare_model, group_by_columns) %}
{#- The failing count is the shortfall, not the number of rows this query returns. -#}
{{ config(fail_calc = 'sum(coalesce(shortfall, 0))') }}
{%- do keys_kit._must_be_relation(compare_model, 'more_rows_than') -%}
{% if group_by_columns | length > 0 %}
  {% set select_gb_cols = group_by_columns | join(', ') ~ ', ' %}
  {% set groupby_gb_cols = 'group by ' ~ group_by_columns | join(', ') %}
{% endif %}
with ours as (
    select {{ select_gb_cols }} count(*) as n_ours from {{ model }} {{ groupby_gb_cols }}
),
theirs as (
    select {{ select_gb_cols }} count(*) as n_theirs from {{ compare_model }} {{ groupby_gb_cols }}
)
select n_ours, n_theirs,
    case when n_ours > n_theirs then 0 else n_theirs - n_ours + 1 end as shortfall
from ours cross join theirs
{% endmacro %}
