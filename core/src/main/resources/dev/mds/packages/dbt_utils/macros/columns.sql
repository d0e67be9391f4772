{#- The names of a relation's columns, leaving out `except` (compared case-insensitively).
    While parsing (no database yet) the list is empty. -#}
{% macro get_filtered_columns_in_relation(from, except=[]) -%}
  {{ return(adapter.dispatch('get_filtered_columns_in_relation', 'dbt_utils')(from, except)) }}
{%- endmacro %}

{% macro default__get_filtered_columns_in_relation(from, except=[]) -%}
  {%- if not execute -%}{{ return([]) }}{%- endif -%}
  {%- set left_out = except | map('lower') | list -%}
  {%- set kept = [] -%}
  {%- for col in adapter.get_columns_in_relation(from) -%}
    {%- if col.column | lower not in left_out -%}{%- do kept.append(col.column) -%}{%- endif -%}
  {%- endfor -%}
  {{ return(kept) }}
{%- endmacro %}

{#- A select list naming each column of `from` but those in `except`, optionally qualified by
    relation_alias, renamed with prefix/suffix or through `rename`. Renders `*` while parsing. -#}
{% macro star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True, unquote_aliases=False, rename={}) -%}
  {{ return(adapter.dispatch('star', 'dbt_utils')(from, relation_alias, except, prefix, suffix, quote_identifiers, unquote_aliases, rename)) }}
{%- endmacro %}

{% macro default__star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True, unquote_aliases=False, rename={}) -%}
  {%- if not execute -%}{{ return('*') }}{%- endif -%}
  {%- set names = dbt_utils.get_filtered_columns_in_relation(from, except) -%}
  {%- if names | length == 0 -%}{{ return('/* no columns returned from star() macro */') }}{%- endif -%}
  {%- set renamed = {} -%}
  {%- for key, value in rename.items() -%}{%- do renamed.update({key | lower: value}) -%}{%- endfor -%}
  {%- set items = [] -%}
  {%- for name in names -%}
    {%- set item = (relation_alias ~ '.' if relation_alias else '')
        ~ (adapter.quote(name) if quote_identifiers else name) -%}
    {%- set alias = prefix ~ name ~ suffix -%}
    {%- if name | lower in renamed -%}
      {%- set item = item ~ ' as ' ~ renamed[name | lower] -%}
    {%- elif quote_identifiers and unquote_aliases -%}
      {%- set item = item ~ ' as ' ~ alias -%}
    {%- elif prefix != '' or suffix != '' -%}
      {%- set item = item ~ ' as ' ~ (adapter.quote(alias) if quote_identifiers else alias) -%}
    {%- endif -%}
    {%- do items.append(item) -%}
  {%- endfor -%}
  {{ return(items | join(',\n  ')) }}
{%- endmacro %}

{#- Each column of `cols` (from adapter.get_columns_in_relation), text columns turning '' into null. -#}
{% macro nullcheck(cols) -%}
  {{ return(adapter.dispatch('nullcheck', 'dbt_utils')(cols)) }}
{%- endmacro %}

{% macro default__nullcheck(cols) -%}
  {%- set items = [] -%}
  {%- for col in cols -%}
    {%- do items.append("nullif(" ~ col.name ~ ", '') as " ~ col.name if col.is_string() else col.name) -%}
  {%- endfor -%}
  {{ items | join(', ') }}
{%- endmacro %}

{% macro nullcheck_table(relation) -%}
  {{ return(adapter.dispatch('nullcheck_table', 'dbt_utils')(relation)) }}
{%- endmacro %}

{% macro default__nullcheck_table(relation) -%}
  select {{ dbt_utils.nullcheck(adapter.get_columns_in_relation(relation)) }}
  from {{ relation }}
{%- endmacro %}
