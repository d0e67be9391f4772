{#- The column's database type is one of column_type_list (compared upper-case); one failing row when it is not.
    A column the model lacks is not checked. -#}
{% test expect_column_values_to_be_in_type_list(model, column_name, column_type_list) -%}
select column_name, column_type
from (describe select * from {{ model }})
where upper(column_name) = upper('{{ column_name | replace("'", "''") }}')
  and upper(column_type) not in (
  {%- for t in column_type_list -%}
  upper('{{ t | replace("'", "''") }}'){% if not loop.last %}, {% endif %}
  {%- endfor -%})
{%- endtest %}
