{# The columns of a relation, except some: needs the database, so only when executing. #}
{% macro columns_except(relation, except=[]) -%}
  {%- set columns = adapter.get_columns_in_relation(relation) -%}
  {%- if not execute -%}
    *
  {%- else -%}
    {%- for column in columns if column.name not in except -%}
      {{ column.quoted }}{{ ',' if not loop.last }}
    {%- endfor -%}
  {%- endif -%}
{%- endmacro %}

{% macro distinct_values(relation, column) %}
  {% set query %}select distinct {{ column }} from {{ relation }} order by 1{% endset %}
  {% set result = run_query(query) %}
  {% if execute %}
    {{ return(result.columns[0].values()) }}
  {% else %}
    {{ return([]) }}
  {% endif %}
{% endmacro %}
