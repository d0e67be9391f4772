{#- Currency helpers shared by the marts. -#}
{% macro to_reporting_currency(amount, rate) -%}
    round({{ amount }} * {{ rate }}, 2)
{%- endmacro %}

{% macro customer_key(market_column, member_column) -%}
    {{ market_column }} || '-' || cast({{ member_column }} as {{ dbt.type_string() }})
{%- endmacro %}
