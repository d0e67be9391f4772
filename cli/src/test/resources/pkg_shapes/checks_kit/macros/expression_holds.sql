{#- Shared by the tests below: the rows (or groups) where an expression does not hold. -#}
{% macro expression_holds(model, expression, test_condition="= true", group_by_columns=None,
        row_condition=None) %}
    {{ adapter.dispatch('expression_holds', 'checks_kit')(model, expression, test_condition,
        group_by_columns, row_condition) }}
{% endmacro %}

{% macro default__expression_holds(model, expression, test_condition, group_by_columns,
        row_condition) %}
with grouped as (
    select
        {% if group_by_columns %}
        {% for col in group_by_columns -%}
        {{ col }} as col_{{ loop.index }},
        {% endfor %}
        {% endif %}
        {{ expression }} as expression
    from {{ model }}
    {%- if row_condition %}
    where {{ row_condition }}
    {% endif %}
    {% if group_by_columns %}
    group by {% for col in group_by_columns %}{{ loop.index }}{{ ', ' if not loop.last }}{% endfor %}
    {% endif %}
)
select * from grouped where not(expression {{ test_condition }})
{% endmacro %}
