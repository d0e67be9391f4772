{#- The model has exactly `value` columns; one failing row when it has not. -#}
{% test expect_table_column_count_to_equal(model, value) -%}
select *
from (
  select count(*) as number_actual_columns, {{ value }} as value
  from (describe select * from {{ model }})
) column_count
where number_actual_columns <> value
{%- endtest %}
