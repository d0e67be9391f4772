{#- The model has every column of column_list (names compared after `transform`, upper by default); each missing one
    fails. -#}
{% test expect_table_columns_to_contain_set(model, column_list, transform='upper') -%}
{%- set compare = 'lower' if transform == 'lower' else 'upper' %}
with relation_columns as (
  select {{ compare }}(column_name) as relation_column from (describe select * from {{ model }})
),
input_columns as (
  {%- for c in column_list %}
  select {{ compare }}('{{ c | replace("'", "''") }}') as input_column
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
)
select input_column
from input_columns
left join relation_columns on relation_column = input_column
where relation_column is null
{%- endtest %}
