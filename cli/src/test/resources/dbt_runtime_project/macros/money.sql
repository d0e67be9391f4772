{% macro cents_to_amount(column_name, scale=2) %}
  {{ return(adapter.dispatch('cents_to_amount', 'retail')(column_name, scale)) }}
{% endmacro %}

{% macro default__cents_to_amount(column_name, scale) -%}
  ({{ column_name }} / 100)::numeric(16, {{ scale }})
{%- endmacro %}

{% macro duckdb__cents_to_amount(column_name, scale) -%}
  round({{ column_name }} / 100.0, {{ scale }})::decimal(16, {{ scale }})
{%- endmacro %}

{# Extra positional arguments arrive in varargs, extra keywords in kwargs. #}
{% macro coalesce_all() -%}
  coalesce({{ varargs | join(', ') }}{% if kwargs.get('fallback') %}, {{ kwargs.get('fallback') }}{% endif %})
{%- endmacro %}

{% macro key_columns() %}
  {{ return(['market', 'member_no',]) }}
{% endmacro %}
