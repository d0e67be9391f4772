{#- No combination of column_list's values (of the rows matching row_condition) occurs twice; one row per repeated
    combination. Rows whose values are all null (ignore_row_if='all_values_are_missing', the default) or any null
    ('any_value_is_missing') are left out. -#}
{% test expect_compound_columns_to_be_unique(model, column_list, quote_columns=false, ignore_row_if='all_values_are_missing', row_condition=none) -%}
{%- if not column_list -%}
{{ exceptions.raise_compiler_error("expect_compound_columns_to_be_unique needs column_list, a list of columns") }}
{%- endif -%}
{%- if ignore_row_if not in ['all_values_are_missing', 'any_value_is_missing'] -%}
{{ exceptions.raise_compiler_error("ignore_row_if must be all_values_are_missing or any_value_is_missing, not '" ~ ignore_row_if ~ "'") }}
{%- endif -%}
{%- set columns = [] -%}
{%- for c in column_list %}{% do columns.append(adapter.quote(c) if quote_columns else c) %}{% endfor -%}
{%- set missing = ' and ' if ignore_row_if == 'all_values_are_missing' else ' or ' -%}
select {{ columns | join(', ') }}, count(*) as n_records
from {{ model }}
where not ({% for c in columns %}{{ c }} is null{% if not loop.last %}{{ missing }}{% endif %}{% endfor %})
{%- if row_condition %}
  and ({{ row_condition }})
{%- endif %}
group by {{ columns | join(', ') }}
having count(*) > 1
{%- endtest %}
