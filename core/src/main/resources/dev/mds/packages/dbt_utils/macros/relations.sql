{#- The relations, stacked with `union all` over the union of their columns (in order of first
    appearance; a relation lacking one gives null). Each column is cast to its type in the first
    relation having it, or to column_override[name]. source_column_name (unless none) names the
    relation each row came from. Renders nothing while parsing. -#}
{% macro union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) -%}
  {{ return(adapter.dispatch('union_relations', 'dbt_utils')(relations, column_override, include, exclude, source_column_name, where)) }}
{%- endmacro %}

{% macro default__union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) -%}
  {%- if exclude and include -%}
    {%- do exceptions.raise_compiler_error("Both an exclude and include list were provided to the `union` macro. Only one is allowed") -%}
  {%- endif -%}
  {%- if not execute -%}{{ return('') }}{%- endif -%}
  {%- set overrides = column_override if column_override is not none else {} -%}
  {%- set included = include | map('lower') | list -%}
  {%- set excluded = exclude | map('lower') | list -%}
  {%- set types = {} -%}
  {%- set order = [] -%}
  {%- set per_relation = [] -%}
  {%- for relation in relations -%}
    {%- set names = [] -%}
    {%- for col in adapter.get_columns_in_relation(relation) -%}
      {%- if (exclude and col.column | lower in excluded) or (include and col.column | lower not in included) -%}
      {%- else -%}
        {%- do names.append(col.column) -%}
        {%- if col.column not in types -%}
          {%- do order.append(col.column) -%}
          {%- do types.update({col.column: col.data_type}) -%}
        {%- endif -%}
      {%- endif -%}
    {%- endfor -%}
    {%- do per_relation.append(names) -%}
  {%- endfor -%}
  {%- if (include or exclude) and order | length == 0 -%}
    {%- set relation_names = [] -%}
    {%- for relation in relations -%}{%- do relation_names.append(relation.name) -%}{%- endfor -%}
    {%- do exceptions.raise_compiler_error("There were no columns found to union for relations " ~ (relation_names | join(", "))) -%}
  {%- endif -%}
  {%- set selects = [] -%}
  {%- for relation in relations -%}
    {%- set present = per_relation[loop.index0] -%}
    {%- set items = [] -%}
    {%- if source_column_name is not none -%}
      {%- do items.append("cast(" ~ dbt.string_literal(relation | string) ~ " as " ~ dbt.type_string() ~ ") as " ~ source_column_name) -%}
    {%- endif -%}
    {%- for name in order -%}
      {%- do items.append("cast(" ~ (adapter.quote(name) if name in present else "null") ~ " as "
          ~ overrides.get(name, types[name]) ~ ") as " ~ adapter.quote(name)) -%}
    {%- endfor -%}
    {%- do selects.append("(\n  select\n    " ~ (items | join(",\n    ")) ~ "\n  from " ~ relation
        ~ ("\n  where " ~ where if where else "") ~ "\n)") -%}
  {%- endfor -%}
  {{ selects | join("\nunion all\n") }}
{%- endmacro %}

{#- The select of (table_schema, table_name, table_type) for the tables and views whose schema and
    name match the `like` patterns (case-insensitively), leaving out names matching `exclude`. -#}
{% macro get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude='', database=none) -%}
  {{ return(adapter.dispatch('get_tables_by_pattern_sql', 'dbt_utils')(schema_pattern, table_pattern, exclude, database)) }}
{%- endmacro %}

{% macro default__get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude='', database=none) -%}
select distinct
  table_schema as "table_schema",
  table_name as "table_name",
  {{ dbt_utils.get_table_types_sql() }}
from information_schema.tables
where table_catalog = '{{ dbt.escape_single_quotes(database or target.database) }}'
  and table_schema ilike '{{ schema_pattern }}'
  and table_name ilike '{{ table_pattern }}'
  and table_name not ilike '{{ exclude }}'
{%- endmacro %}

{% macro get_tables_by_prefix_sql(schema, prefix, exclude='', database=none) -%}
  {{ return(adapter.dispatch('get_tables_by_prefix_sql', 'dbt_utils')(schema, prefix, exclude, database)) }}
{%- endmacro %}

{% macro default__get_tables_by_prefix_sql(schema, prefix, exclude='', database=none) -%}
{{ dbt_utils.get_tables_by_pattern_sql(schema, prefix ~ '%', exclude, database) }}
{%- endmacro %}

{#- information_schema's table_type in dbt's words: table, view, external, materializedview. -#}
{% macro get_table_types_sql() -%}
  {{ return(adapter.dispatch('get_table_types_sql', 'dbt_utils')()) }}
{%- endmacro %}

{% macro default__get_table_types_sql() -%}
case table_type
    when 'BASE TABLE' then 'table'
    when 'EXTERNAL TABLE' then 'external'
    when 'MATERIALIZED VIEW' then 'materializedview'
    else lower(table_type)
  end as "table_type"
{%- endmacro %}

{#- Relations for the tables and views matching the patterns (an empty list while parsing). -#}
{% macro get_relations_by_pattern(schema_pattern, table_pattern, exclude='', database=none) -%}
  {{ return(adapter.dispatch('get_relations_by_pattern', 'dbt_utils')(schema_pattern, table_pattern, exclude, database)) }}
{%- endmacro %}

{% macro default__get_relations_by_pattern(schema_pattern, table_pattern, exclude='', database=none) -%}
  {%- if not execute -%}{{ return([]) }}{%- endif -%}
  {%- set db = database or target.database -%}
  {%- set found = [] -%}
  {%- for row in run_query(dbt_utils.get_tables_by_pattern_sql(schema_pattern, table_pattern, exclude, db)) -%}
    {%- do found.append(api.Relation.create(database=db, schema=row.table_schema,
        identifier=row.table_name, type=row.table_type)) -%}
  {%- endfor -%}
  {{ return(found) }}
{%- endmacro %}

{% macro get_relations_by_prefix(schema, prefix, exclude='', database=none) -%}
  {{ return(adapter.dispatch('get_relations_by_prefix', 'dbt_utils')(schema, prefix, exclude, database)) }}
{%- endmacro %}

{% macro default__get_relations_by_prefix(schema, prefix, exclude='', database=none) -%}
{{ return(dbt_utils.get_relations_by_pattern(schema, prefix ~ '%', exclude, database)) }}
{%- endmacro %}
