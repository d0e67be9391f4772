{#- The sum of column_list's sums (over the rows matching row_condition, per group_by group) equals sum_total, a
    number or a column (whose sum is taken); one failing row per group where it does not. -#}
{% test expect_multicolumn_sum_to_equal(model, column_list, sum_total, group_by=none, row_condition=none) -%}
{%- set groups = (group_by or []) | join(', ') -%}
select *
from (
  select {% if groups %}{{ groups }}, {% endif %}
    {%- for c in column_list %}sum({{ c }}){% if not loop.last %} + {% endif %}{% endfor %} as column_sum,
    {% if sum_total is number %}{{ sum_total }}{% else %}sum({{ sum_total }}){% endif %} as sum_total
  from {{ model }}
  {%- if row_condition %}
  where {{ row_condition }}
  {%- endif %}
  {%- if groups %}
  group by {{ groups }}
  {%- endif %}
) sums
where not (column_sum = sum_total)
{%- endtest %}
