{#- dbt_utils.relationships_where: like relationships, on the child rows matching from_condition and the parent rows
    matching to_condition; every child row with a non-null value missing from the parents fails. -#}
{% test relationships_where(model, column_name, to, field, from_condition='1=1', to_condition='1=1') -%}
  {{ return(adapter.dispatch('test_relationships_where', 'dbt_utils')(model, column_name, to, field, from_condition, to_condition)) }}
{%- endtest %}

{% macro default__test_relationships_where(model, column_name, to, field, from_condition='1=1', to_condition='1=1') -%}
with children as (
  select {{ column_name }} as id
  from {{ model }}
  where {{ column_name }} is not null and {{ from_condition }}
),
parents as (
  select {{ field }} as id
  from {{ to }}
  where {{ to_condition }}
)
select children.id
from children
left join parents on children.id = parents.id
where parents.id is null
{%- endmacro %}
