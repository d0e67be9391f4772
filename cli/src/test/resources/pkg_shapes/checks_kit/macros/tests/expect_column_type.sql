{% test expect_column_type(model, column_name, column_type) %}
{%- if execute -%}
    {%- set found = adapter.get_columns_in_relation(model)
        | selectattr('name', 'equalto', column_name) | map(attribute='dtype') | list -%}
    {%- set actual = (found | first | lower) if found else 'missing' -%}
{%- endif -%}
select '{{ actual }}' as column_type
where '{{ actual }}' != '{{ column_type | lower }}'
{% endtest %}
