{#- The model has the column (names compared after `transform`, upper by default), at 1-based position column_index
    when given; one failing row when it has not. -#}
{% test expect_column_to_exist(model, column_name, column_index=none, transform='upper') -%}
{%- set compare = 'lower' if transform == 'lower' else 'upper' %}
with relation_columns as (
  select {{ compare }}(column_name) as column_name, row_number() over () as column_index
  from (describe select * from {{ model }})
),
expected as (
  select {{ compare }}('{{ column_name | replace("'", "''") }}') as column_name
)
select expected.column_name, relation_columns.column_index
from expected
left join relation_columns on relation_columns.column_name = expected.column_name
where relation_columns.column_name is null
{%- if column_index %}
  or relation_columns.column_index <> {{ column_index }}
{%- endif %}
{%- endtest %}
