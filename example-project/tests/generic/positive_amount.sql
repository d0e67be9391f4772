{#- A custom generic test: used from schema YAML like the built-in ones. -#}
{% test positive_amount(model, column_name, allow_zero=false) %}
select *
from {{ model }}
where {{ column_name }} {{ '<' if allow_zero else '<=' }} 0
{% endtest %}
