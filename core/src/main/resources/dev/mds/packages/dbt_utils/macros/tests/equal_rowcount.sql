{#- dbt_utils.equal_rowcount: the model and compare_model have as many rows (per group); one row per differing group, with diff_count. -#}
{% test equal_rowcount(model, compare_model, group_by_columns=[]) -%}
  {{ return(adapter.dispatch('test_equal_rowcount', 'dbt_utils')(model, compare_model, group_by_columns)) }}
{%- endtest %}

{% macro default__test_equal_rowcount(model, compare_model, group_by_columns=[]) -%}
{#- As dbt_utils: the failures are the summed differences (config(fail_calc) in a test macro sets the test's
    config), and a group missing from one side has a null difference, which counts as none. -#}
{{- config(fail_calc='sum(coalesce(diff_count, 0))') -}}
{%- set groups = group_by_columns | join(', ') -%}
with a as (
  select {% if groups %}{{ groups }}, {% endif %}1 as mds_join_key, count(*) as count_a
  from {{ model }}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
),
b as (
  select {% if groups %}{{ groups }}, {% endif %}1 as mds_join_key, count(*) as count_b
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
    count_a,
    count_b,
    abs(count_a - count_b) as diff_count
  from a
  full join b
    on a.mds_join_key = b.mds_join_key
    {%- for c in group_by_columns %} and a.{{ c }} = b.{{ c }}{% endfor %}
)
select * from compared where diff_count > 0
{%- endmacro %}
