{#- The column's database type is column_type (compared upper-case, as DuckDB names it: INTEGER, VARCHAR,
    DECIMAL(18,3)...); one failing row when it is another. A column the model lacks is not checked. -#}
{% test expect_column_values_to_be_of_type(model, column_name, column_type) -%}
select column_name, column_type
from (describe select * from {{ model }})
where upper(column_name) = upper('{{ column_name | replace("'", "''") }}')
  and upper(column_type) <> upper('{{ column_type | replace("'", "''") }}')
{%- endtest %}
