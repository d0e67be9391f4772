{#- One aggregate per value: agg(case when column cmp 'value' then then_value else else_value end),
    named prefix ~ value ~ suffix (quoted, or made a plain identifier when quote_identifiers is false). -#}
{% macro pivot(column, values, alias=True, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=True, distinct=False) -%}
  {{ return(adapter.dispatch('pivot', 'dbt_utils')(column, values, alias, agg, cmp, prefix, suffix, then_value, else_value, quote_identifiers, distinct)) }}
{%- endmacro %}

{% macro default__pivot(column, values, alias=True, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=True, distinct=False) -%}
  {%- set items = [] -%}
  {%- for value in values -%}
    {%- set item = agg ~ "(" ~ ("distinct " if distinct else "") ~ "case when " ~ column ~ " " ~ cmp
        ~ " '" ~ dbt.escape_single_quotes(value) ~ "' then " ~ then_value ~ " else " ~ else_value ~ " end)" -%}
    {%- if alias -%}
      {%- set item = item ~ " as " ~ (adapter.quote(prefix ~ value ~ suffix) if quote_identifiers
          else dbt_utils.slugify(prefix ~ value ~ suffix)) -%}
    {%- endif -%}
    {%- do items.append(item) -%}
  {%- endfor -%}
  {{ items | join(',\n  ') }}
{%- endmacro %}

{#- Lower case, spaces and dashes to underscores, only letters, digits and underscores, and an
    underscore before a leading digit. -#}
{% macro slugify(string) -%}
  {%- if not string -%}{{ return('') }}{%- endif -%}
  {%- set text = modules.re.sub('[ -]+', '_', string | lower) -%}
  {%- set text = modules.re.sub('[^a-z0-9_]+', '', text) -%}
  {%- if modules.re.match('^[0-9]', text) -%}{%- set text = '_' ~ text -%}{%- endif -%}
  {{ return(text) }}
{%- endmacro %}

{#- One row per source row and column: the `exclude` columns kept, field_name holding the column's
    name and value_name its value cast to cast_to; `remove` columns are dropped. -#}
{% macro unpivot(relation=none, cast_to='varchar', exclude=none, remove=none, field_name='field_name', value_name='value', quote_identifiers=False) -%}
  {{ return(adapter.dispatch('unpivot', 'dbt_utils')(relation, cast_to, exclude, remove, field_name, value_name, quote_identifiers)) }}
{%- endmacro %}

{% macro default__unpivot(relation=none, cast_to='varchar', exclude=none, remove=none, field_name='field_name', value_name='value', quote_identifiers=False) -%}
  {%- if not relation -%}
    {%- do exceptions.raise_compiler_error("Error: argument `relation` is required for `unpivot` macro.") -%}
  {%- endif -%}
  {%- set kept = (exclude if exclude is not none else []) -%}
  {%- set skipped = (kept + (remove if remove is not none else [])) | map('lower') | list -%}
  {%- set selects = [] -%}
  {%- for col in adapter.get_columns_in_relation(relation) if col.column | lower not in skipped -%}
    {%- set name = adapter.quote(col.column) if quote_identifiers else col.column -%}
    {%- set value = dbt.cast_bool_to_text(name) if col.data_type | lower == 'boolean' else name -%}
    {%- set parts = [] -%}
    {%- for k in kept -%}{%- do parts.append(adapter.quote(k) if quote_identifiers else k) -%}{%- endfor -%}
    {%- do parts.append("cast('" ~ col.column ~ "' as " ~ dbt.type_string() ~ ") as "
        ~ (adapter.quote(field_name) if quote_identifiers else field_name)) -%}
    {%- do parts.append("cast(" ~ value ~ " as " ~ cast_to ~ ") as "
        ~ (adapter.quote(value_name) if quote_identifiers else value_name)) -%}
    {%- do selects.append("select " ~ (parts | join(", ")) ~ "\nfrom " ~ relation) -%}
  {%- endfor -%}
  {{ selects | join("\nunion all\n") }}
{%- endmacro %}

{#- The rows of relation, one per partition_by: the first by order_by. -#}
{% macro deduplicate(relation, partition_by, order_by) -%}
  {{ return(adapter.dispatch('deduplicate', 'dbt_utils')(relation, partition_by, order_by)) }}
{%- endmacro %}

{% macro default__deduplicate(relation, partition_by, order_by) -%}
select *
from {{ relation }}
qualify row_number() over (partition by {{ partition_by }} order by {{ order_by }}) = 1
{%- endmacro %}
