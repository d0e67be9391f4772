{#- The distinct values of `column` in `table`, most frequent first by default. While parsing it
    returns `default` (or an empty list); a table that does not exist gives `default`, or an error
    when no default is given. -#}
{% macro get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
  {{ return(adapter.dispatch('get_column_values', 'dbt_utils')(table, column, order_by, max_records, default, where)) }}
{%- endmacro %}

{% macro default__get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
  {%- if not execute -%}{{ return(default if default else []) }}{%- endif -%}
  {%- if load_relation(table) is none -%}
    {%- if default is none -%}
      {%- do exceptions.raise_compiler_error("In get_column_values(): relation " ~ table
          ~ " does not exist and no default value was provided.") -%}
    {%- endif -%}
    {%- do log("Relation " ~ table ~ " does not exist. Returning the default value: " ~ default) -%}
    {{ return(default) }}
  {%- endif -%}
  {%- set query -%}
    select {{ column }} as value
    from {{ table }}
    {% if where is not none %}where {{ where }}{% endif %}
    group by {{ column }}
    order by {{ order_by }}
    {% if max_records is not none %}limit {{ max_records }}{% endif %}
  {%- endset -%}
  {%- set values = run_query(query).columns[0].values() | list -%}
  {{ return(values if values else default) }}
{%- endmacro %}

{#- The first column of the first row of `query`; `default` when it returns no rows or while parsing. -#}
{% macro get_single_value(query, default=none) -%}
  {{ return(adapter.dispatch('get_single_value', 'dbt_utils')(query, default)) }}
{%- endmacro %}

{% macro default__get_single_value(query, default=none) -%}
  {%- if not execute -%}{{ return(default) }}{%- endif -%}
  {%- set result = run_query(query) -%}
  {%- if result | length == 0 -%}
    {%- do log("Query `" ~ query ~ "` returned no rows. Using the default value: " ~ default) -%}
    {{ return(default) }}
  {%- endif -%}
  {{ return(result[0][0]) }}
{%- endmacro %}

{#- {column name: values in row order} for `query`; empty while parsing. -#}
{% macro get_query_results_as_dict(query) -%}
  {{ return(adapter.dispatch('get_query_results_as_dict', 'dbt_utils')(query)) }}
{%- endmacro %}

{% macro default__get_query_results_as_dict(query) -%}
  {%- set results = {} -%}
  {%- if execute -%}
    {%- for col in run_query(query).columns -%}
      {%- do results.update({col.name: col.values()}) -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(results) }}
{%- endmacro %}
