{% macro columns_of(from, except=[]) -%}
    {{ return(adapter.dispatch('columns_of', 'keys_kit')(from, except)) }}
{%- endmacro %}

{% macro default__columns_of(from, except=[]) -%}
    {%- do keys_kit._must_be_relation(from, 'columns_of') -%}
    {%- do keys_kit._must_not_be_cte(from, 'columns_of') -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set lowered = except | map('lower') | list -%}
    {%- set kept = [] -%}
    {%- for col in adapter.get_columns_in_relation(from) -%}
        {%- if col.column | lower not in lowered -%}
            {%- do kept.append(col.column) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(kept) }}
{%- endmacro %}
