{#- dbt_utils.cardinality_equality: each value occurs as often in model.column_name as in to.field; every
    (value, count) pair found on one side only fails. -#}
{% test cardinality_equality(model, column_name, to, field) -%}
  {{ return(adapter.dispatch('test_cardinality_equality', 'dbt_utils')(model, column_name, to, field)) }}
{%- endtest %}

{% macro default__test_cardinality_equality(model, column_name, to, field) -%}
with model_counts as (
  select {{ column_name }} as value_field, count(*) as num_rows
  from {{ model }}
  group by {{ column_name }}
),
to_counts as (
  select {{ field }} as value_field, count(*) as num_rows
  from {{ to }}
  group by {{ field }}
),
model_only as (
  select * from model_counts
  except
  select * from to_counts
),
to_only as (
  select * from to_counts
  except
  select * from model_counts
)
select * from model_only
union all
select * from to_only
{%- endmacro %}
