{% test share_not_null(model, group_by_columns=[]) %}
  {{ return(adapter.dispatch('test_share_not_null', 'keys_kit')(model, group_by_columns, **kwargs)) }}
{% endtest %}

{% macro default__test_share_not_null(model, group_by_columns) %}
{% set column_name = kwargs.get('column_name', kwargs.get('arg')) %}
{% set at_least = kwargs.get('at_least', 0) %}
{% set rows_kept = '*' if should_store_failures() else 'share' %}
with shares as (
    select count({{ column_name }}) * 1.0 / count(*) as share from {{ model }}
)
select {{ rows_kept }} from shares where share < {{ at_least }}
{% endmacro %}
