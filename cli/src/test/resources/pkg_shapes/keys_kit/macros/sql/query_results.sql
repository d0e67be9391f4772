{% macro results_by_column(query) %}
    {{ return(adapter.dispatch('results_by_column', 'keys_kit')(query)) }}
{% endmacro %}

{% macro default__results_by_column(query) %}
    {%- call statement('results_by_column', fetch_result=True, auto_begin=false) -%}
        {{ query }}
    {%- endcall -%}
    {% set by_column = {} %}
    {%- if execute -%}
        {% set table = load_result('results_by_column').table %}
        {% for name, column in table.columns.items() %}
            {% do by_column.update({name: column.values()}) %}
        {% endfor %}
    {%- endif -%}
    {{ return(by_column) }}
{% endmacro %}

{% macro first_value(query, default=none) %}
    {%- if not execute -%}
        {{ return(default) }}
    {%- endif -%}
    {%- set result = run_query(query) -%}
    {{ return(result[0][0] if result | length > 0 else default) }}
{% endmacro %}
