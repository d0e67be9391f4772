{#- No non-null value (of the rows matching row_condition) occurs twice; one row per repeated value. -#}
{% test expect_column_values_to_be_unique(model, column_name, row_condition=none) -%}
select {{ column_name }}, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
group by {{ column_name }}
having count(*) > 1
{%- endtest %}
