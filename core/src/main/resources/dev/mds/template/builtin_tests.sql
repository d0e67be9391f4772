{#- The generic tests mds ships. A project's own {% test %} of the same name takes precedence.
    dbt_utils' tests dispatch in the dbt_utils namespace, as in dbt_utils, so that a project (or a
    package in its dispatch search order) can replace one by defining default__test_<name>. -#}

{% test unique(model, column_name=none, columns=none) -%}
{%- set key = columns | join(', ') if columns else column_name -%}
select {{ key }}, count(*) as n_records
from {{ model }}
where {% for c in (columns if columns else [column_name]) %}{{ c }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
group by {{ key }}
having count(*) > 1
{%- endtest %}

{% test not_null(model, column_name=none, columns=none) -%}
select *
from {{ model }}
where {% for c in (columns if columns else [column_name]) %}{{ c }} is null{% if not loop.last %} or {% endif %}{% endfor %}
{%- endtest %}

{% test accepted_values(model, column_name, values, quote=true) -%}
select {{ column_name }} as value_field, count(*) as n_records
from {{ model }}
where {{ column_name }} not in (
  {%- for v in values -%}
  {% if quote %}'{{ v | string | replace("'", "''") }}'{% else %}{{ v }}{% endif %}{% if not loop.last %}, {% endif %}
  {%- endfor -%}
)
group by {{ column_name }}
{%- endtest %}

{% test relationships(model, column_name, to, field) -%}
select child.{{ column_name }}
from {{ model }} as child
left join {{ to }} as parent
  on child.{{ column_name }} = parent.{{ field }}
where child.{{ column_name }} is not null
  and parent.{{ field }} is null
{%- endtest %}

{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) -%}
  {{ return(adapter.dispatch('test_unique_combination_of_columns', 'dbt_utils')(model, combination_of_columns, quote_columns)) }}
{%- endtest %}

{% macro default__test_unique_combination_of_columns(model, combination_of_columns, quote_columns=false) -%}
{%- set columns = [] -%}
{%- for c in combination_of_columns %}{% do columns.append(adapter.quote(c) if quote_columns else c) %}{% endfor -%}
select {{ columns | join(', ') }}, count(*) as n_records
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{%- endmacro %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) -%}
  {{ return(adapter.dispatch('test_accepted_range', 'dbt_utils')(model, column_name, min_value, max_value, inclusive)) }}
{%- endtest %}

{% macro default__test_accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) -%}
select *
from {{ model }}
where not (1 = 1
  {%- if min_value is not none %} and {{ column_name }} >{{ '=' if inclusive else '' }} {{ min_value }}{% endif %}
  {%- if max_value is not none %} and {{ column_name }} <{{ '=' if inclusive else '' }} {{ max_value }}{% endif %})
{%- endmacro %}

{% test expression_is_true(model, expression, column_name=none) -%}
  {{ return(adapter.dispatch('test_expression_is_true', 'dbt_utils')(model, expression, column_name)) }}
{%- endtest %}

{% macro default__test_expression_is_true(model, expression, column_name=none) -%}
select *
from {{ model }}
where not ({{ column_name ~ ' ' if column_name else '' }}{{ expression }})
{%- endmacro %}
