{% test expect_values_between(model, column_name, min_value=None, max_value=None,
        row_condition=None, strictly=False) %}
{%- if min_value is none and max_value is none -%}
    {{ exceptions.raise_compiler_error("expect_values_between needs min_value or max_value") }}
{%- endif -%}
{%- set ns = namespace(parts=[]) -%}
{%- set low = ' > ' if strictly else ' >= ' -%}
{%- set high = ' < ' if strictly else ' <= ' -%}
{%- if min_value is not none %}{% set ns.parts = ns.parts + [column_name ~ low ~ min_value] %}{% endif -%}
{%- if max_value is not none %}{% set ns.parts = ns.parts + [column_name ~ high ~ max_value] %}{% endif -%}
{{ checks_kit.expression_holds(model, ns.parts | join(' and '), row_condition=row_condition) }}
{% endtest %}
