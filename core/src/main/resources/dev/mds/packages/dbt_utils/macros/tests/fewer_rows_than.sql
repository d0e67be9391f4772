{#- dbt_utils.fewer_rows_than: the model has fewer rows than compare_model (per group); one row per group where it has as many or more. -#}
{% test fewer_rows_than(model, compare_model, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_fewer_rows_than', 'dbt_utils')(model, compare_model, group_by_columns)) }}
{%- endtest %}

{% macro default__test_fewer_rows_than(model, compare_model, group_by_columns=[]) -%}
{#- As dbt_utils: the failures are the summed deltas (the excess rows, or 1 for as many rows), and a group
    missing from one side counts as none. -#}
{{- config(fail_calc='sum(coalesce(row_count_delta, 0))') -}}
{%- set groups = group_by_columns | join(', ') -%}
with a as (
  select {% if groups %}{{ groups }}, {% endif %}1 as mds_join_key, count(*) as count_our_model
  from {{ model }}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
),
b as (
  select {% if groups %}{{ groups }}, {% endif %}1 as mds_join_key, count(*) as count_comparison_model
  from {{ compare_model }}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
),
compared as (
  select
    {%- for c in group_by_columns %}
    coalesce(a.{{ c }}, b.{{ c }}) as {{ c }},
    {%- endfor %}
    count_our_model,
    count_comparison_model
  from a
  full join b
    on a.mds_join_key = b.mds_join_key
    {%- for c in group_by_columns %} and a.{{ c }} = b.{{ c }}{% endfor %}
)
select *,
  case when count_our_model > count_comparison_model then count_our_model - count_comparison_model else 1 end
    as row_count_delta
from compared
where count_our_model >= count_comparison_model
{%- endmacro %}
