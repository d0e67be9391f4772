{#- The model's number of columns lies between min_value and max_value (inclusive); one failing row when it does not. -#}
{% test expect_table_column_count_to_be_between(model, min_value=none, max_value=none) -%}
{%- if min_value is none and max_value is none -%}
{{ exceptions.raise_compiler_error("expect_table_column_count_to_be_between needs min_value, max_value or both") }}
{%- endif %}
select *
from (
  select count(*) as number_actual_columns
  from (describe select * from {{ model }})
) column_count
where not (1 = 1
  {%- if min_value is not none %} and number_actual_columns >= {{ min_value }}{% endif %}
  {%- if max_value is not none %} and number_actual_columns <= {{ max_value }}{% endif %})
{%- endtest %}
