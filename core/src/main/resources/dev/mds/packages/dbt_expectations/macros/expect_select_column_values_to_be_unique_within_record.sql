{#- Within each row (matching row_condition), the values of column_list all differ; each row with a repeat fails.
    Rows whose values are all null (ignore_row_if='all_values_are_missing', the default) or any null
    ('any_value_is_missing') are left out; nulls count as one value. -#}
{% test expect_select_column_values_to_be_unique_within_record(model, column_list, quote_columns=false, ignore_row_if='all_values_are_missing', row_condition=none) -%}
  {{ return(adapter.dispatch('test_expect_select_column_values_to_be_unique_within_record', 'dbt_expectations')(model, column_list, quote_columns, ignore_row_if, row_condition)) }}
{%- endtest %}

{% macro default__test_expect_select_column_values_to_be_unique_within_record(model, column_list, quote_columns=false, ignore_row_if='all_values_are_missing', row_condition=none) -%}
{%- if ignore_row_if not in ['all_values_are_missing', 'any_value_is_missing'] -%}
{{ exceptions.raise_compiler_error("ignore_row_if must be all_values_are_missing or any_value_is_missing, not '" ~ ignore_row_if ~ "'") }}
{%- endif -%}
{%- set columns = [] -%}
{%- for c in column_list %}{% do columns.append(adapter.quote(c) if quote_columns else c) %}{% endfor -%}
{%- set missing = ' and ' if ignore_row_if == 'all_values_are_missing' else ' or ' %}
with column_values as (
  select row_number() over () as row_index, {{ columns | join(', ') }}
  from {{ model }}
  where not ({% for c in columns %}{{ c }} is null{% if not loop.last %}{{ missing }}{% endif %}{% endfor %})
  {%- if row_condition %}
    and ({{ row_condition }})
  {%- endif %}
),
unpivoted as (
  {%- for c in columns %}
  select row_index, coalesce(cast({{ c }} as varchar), '<null>') as column_value from column_values
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
)
select row_index, count(distinct column_value) as distinct_values
from unpivoted
group by row_index
having count(distinct column_value) < {{ columns | length }}
{%- endmacro %}
