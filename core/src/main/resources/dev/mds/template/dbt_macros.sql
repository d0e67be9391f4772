{#-
  dbt's own macros, written for mds in DuckDB SQL. dbt names the DuckDB implementation of its macro
  `x` `duckdb__x`; the arguments, their order and defaults are dbt's, so a project's calls keep
  working. Each macro renders text (SQL, a type name, a schema name): where dbt would run a query or
  `return()` a value, these render the SQL or the text instead. A project macro of the same name
  takes precedence: this file is imported after the project's macro files.
-#}

{#- ---------------------------------------------------------------- dates and times -#}

{% macro duckdb__date_trunc(datepart, date) -%}
date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{#- The interval is cast to a whole number, so a string such as '-1' or a column both work. -#}
{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
({{ from_date_or_timestamp }} + cast({{ interval }} as bigint) * interval 1 {{ datepart | lower }})
{%- endmacro %}

{#-
  How many datepart boundaries lie between the two values (dbt's datediff, negative when the first
  is later). DuckDB's date_diff counts boundaries for every part but week, where it counts whole
  seven-day spans; dbt-duckdb counts weeks as starting on Sunday, so both sides are moved back to
  their Sunday first and the days between divided by seven (always a whole number then).
-#}
{% macro duckdb__datediff(first_date, second_date, datepart) -%}
{%- if datepart | lower == 'week' -%}
(date_diff('day', date_trunc('week', cast({{ first_date }} as timestamp) + interval 1 day), date_trunc('week', cast({{ second_date }} as timestamp) + interval 1 day)) // 7)
{%- else -%}
date_diff('{{ datepart }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
{%- endif -%}
{%- endmacro %}

{#- The last day of the datepart period (week, month, quarter, year) that holds date, as a date. -#}
{% macro duckdb__last_day(date, datepart) -%}
cast(date_trunc('{{ datepart }}', {{ date }}) + interval 1 {{ datepart | lower }} - interval 1 day as date)
{%- endmacro %}

{#- dbt calls this one as dbt.default_last_day; DuckDB needs no other way to reach it. -#}
{% macro duckdb__default_last_day(date, datepart) -%}
{{ dbt.last_day(date, datepart) }}
{%- endmacro %}

{#- A date from its parts; each may be a number or a SQL expression. -#}
{% macro duckdb__date(year, month, day) -%}
make_date({{ year }}, {{ month }}, {{ day }})
{%- endmacro %}

{% macro duckdb__current_timestamp() -%}
now()
{%- endmacro %}

{% macro duckdb__current_timestamp_backcompat() -%}
cast(current_timestamp as timestamp)
{%- endmacro %}

{#- The name promises UTC: the wall-clock time in UTC, whatever the session's time zone. -#}
{% macro duckdb__current_timestamp_in_utc_backcompat() -%}
timezone('UTC', current_timestamp)
{%- endmacro %}

{% macro duckdb__snapshot_get_time() -%}
cast({{ dbt.current_timestamp() }} as timestamp)
{%- endmacro %}

{#- A timestamp written as text (as snapshots record it) back as a SQL timestamp. -#}
{% macro duckdb__snapshot_string_as_time(timestamp) -%}
cast('{{ timestamp }}' as timestamp)
{%- endmacro %}

{#- ---------------------------------------------------------------- series -#}

{#-
  The number of datepart periods between two dates. dbt runs a query to get it as a number; mds
  renders the SQL expression that computes it, which is what date_spine needs.
-#}
{% macro duckdb__get_intervals_between(start_date, end_date, datepart) -%}
{{ dbt.datediff(start_date, end_date, datepart) }}
{%- endmacro %}

{#-
  A query with one column, date_<datepart>: start_date, then one datepart later, and so on, as many
  rows as datepart boundaries lie between start and end (end itself is not included), as dbt does.
-#}
{% macro duckdb__date_spine(datepart, start_date, end_date) -%}
select date_{{ datepart }}
from (
    select {{ dbt.dateadd(datepart, 'spine_offset', start_date) }} as date_{{ datepart }}
    from (select unnest(range(0, {{ dbt.datediff(start_date, end_date, datepart) }})) as spine_offset)
)
where date_{{ datepart }} <= {{ end_date }}
{%- endmacro %}

{#-
  The helpers dbt_utils and dbt_date both expose (get_powers_of_two, get_intervals_between),
  written once for mds's built-in versions of the two packages: numbers, as the packages return.
-#}
{% macro mds_packages_powers_of_two(upper_bound) -%}
  {%- if upper_bound <= 0 -%}{%- do exceptions.raise_compiler_error("upper bound must be positive") -%}{%- endif -%}
  {%- for n in range(1, 100) -%}
    {%- if upper_bound <= 2 ** n -%}{{ return(n) }}{%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{#- The number of datepart periods from start_date to end_date, asked of the database (1 while parsing). -#}
{% macro mds_packages_intervals_between(start_date, end_date, datepart) -%}
  {%- if not execute -%}{{ return(1) }}{%- endif -%}
  {%- set result = run_query("select " ~ dbt.datediff(start_date, end_date, datepart)) -%}
  {{ return(result[0][0] if result | length > 0 else 1) }}
{%- endmacro %}

{#- A query of one column, generated_number, counting from 1 to upper_bound. -#}
{% macro duckdb__generate_series(upper_bound) -%}
select unnest(range(1, cast({{ upper_bound }} as bigint) + 1)) as generated_number
{%- endmacro %}

{#-
  The smallest n (at least 1) with 2^n >= upper_bound, as text. dbt stops the compile for a bound
  below 1; without a way to raise here, the rendered SQL raises it when it runs.
-#}
{% macro duckdb__get_powers_of_two(upper_bound) -%}
{%- if upper_bound <= 0 -%}
error('get_powers_of_two: upper bound must be positive')
{%- else -%}
{%- for n in range(1, 100) -%}
{%- if upper_bound <= 2 ** n and (n == 1 or upper_bound > 2 ** (n - 1)) -%}{{ n }}{%- endif -%}
{%- endfor -%}
{%- endif -%}
{%- endmacro %}

{#- ---------------------------------------------------------------- strings -#}

{#- fields: a list of SQL expressions. Like dbt, any null makes the result null. -#}
{% macro duckdb__concat(fields) -%}
{{ fields | join(' || ') }}
{%- endmacro %}

{% macro duckdb__hash(field) -%}
md5(cast({{ field }} as {{ dbt.type_string() }}))
{%- endmacro %}

{#- 1-based; a negative part counts from the end (-1 is the last); a part that is not there is null. -#}
{% macro duckdb__split_part(string_text, delimiter_text, part_number) -%}
list_extract(string_split({{ string_text }}, {{ delimiter_text }}), {{ part_number }})
{%- endmacro %}

{#-
  order_by_clause is SQL such as "order by name desc". Nulls are skipped, as string_agg skips
  them, before the first limit_num values are kept.
-#}
{% macro duckdb__listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
{%- if limit_num -%}
array_to_string((list({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}) filter (where ({{ measure }}) is not null))[1:{{ limit_num }}], {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

{% macro duckdb__replace(field, old_chars, new_chars) -%}
replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{% macro duckdb__length(expression) -%}
length({{ expression }})
{%- endmacro %}

{#- 1-based position of substring_text in string_text, 0 when absent. -#}
{% macro duckdb__position(substring_text, string_text) -%}
strpos({{ string_text }}, {{ substring_text }})
{%- endmacro %}

{% macro duckdb__right(string_text, length_expression) -%}
right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{#- Text to put inside a SQL string literal: each ' doubled. -#}
{% macro duckdb__escape_single_quotes(expression) -%}
{{ expression | replace("'", "''") }}
{%- endmacro %}

{#- As dbt: value between single quotes, unescaped (escape_single_quotes first if it may hold one). -#}
{% macro duckdb__string_literal(value) -%}
'{{ value }}'
{%- endmacro %}

{#- ---------------------------------------------------------------- aggregates, comparison, casts -#}

{% macro duckdb__any_value(expression) -%}
any_value({{ expression }})
{%- endmacro %}

{% macro duckdb__bool_or(expression) -%}
bool_or({{ expression }})
{%- endmacro %}

{#- dbt's default (its truthy-nulls flag off): plain equality, null when either side is null. -#}
{% macro duckdb__equals(expr1, expr2) -%}
({{ expr1 }} = {{ expr2 }})
{%- endmacro %}

{% macro duckdb__cast(field, type) -%}
cast({{ field }} as {{ type }})
{%- endmacro %}

{#- Null instead of an error when the value does not convert. -#}
{% macro duckdb__safe_cast(field, type) -%}
try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro duckdb__cast_bool_to_text(field) -%}
cast({{ field }} as {{ dbt.type_string() }})
{%- endmacro %}

{#- ---------------------------------------------------------------- set operators -#}

{% macro duckdb__except() -%}
except
{%- endmacro %}

{% macro duckdb__intersect() -%}
intersect
{%- endmacro %}

{#- ---------------------------------------------------------------- type names (as dbt-duckdb names them) -#}

{% macro duckdb__type_string() -%}
TEXT
{%- endmacro %}

{% macro duckdb__type_timestamp() -%}
timestamp
{%- endmacro %}

{% macro duckdb__type_float() -%}
float
{%- endmacro %}

{% macro duckdb__type_numeric() -%}
numeric(28,6)
{%- endmacro %}

{% macro duckdb__type_bigint() -%}
bigint
{%- endmacro %}

{% macro duckdb__type_int() -%}
integer
{%- endmacro %}

{% macro duckdb__type_boolean() -%}
boolean
{%- endmacro %}

{#- ---------------------------------------------------------------- arrays (DuckDB lists) -#}

{#- inputs: a list of SQL expressions of one type; data_type types the list when it is empty. -#}
{% macro duckdb__array_construct(inputs=[], data_type='integer') -%}
{%- if inputs | length > 0 -%}
[{{ inputs | join(', ') }}]
{%- else -%}
cast([] as {{ data_type }}[])
{%- endif -%}
{%- endmacro %}

{% macro duckdb__array_append(array, new_element) -%}
list_append({{ array }}, {{ new_element }})
{%- endmacro %}

{% macro duckdb__array_concat(array_1, array_2) -%}
list_concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{#- ---------------------------------------------------------------- names of schemas, aliases, databases -#}

{#- target.schema, or target.schema_<custom> when a model sets a schema. -#}
{% macro duckdb__generate_schema_name(custom_schema_name=none, node=none) -%}
{%- if custom_schema_name is none -%}
{{ target.schema }}
{%- else -%}
{{ target.schema }}_{{ custom_schema_name | trim }}
{%- endif -%}
{%- endmacro %}

{#- The custom alias, else the node's name (mds has no model versions, so no _v<n> suffix). -#}
{% macro duckdb__generate_alias_name(custom_alias_name=none, node=none) -%}
{%- if custom_alias_name -%}
{{ custom_alias_name | trim }}
{%- else -%}
{{ node.name }}
{%- endif -%}
{%- endmacro %}

{% macro duckdb__generate_database_name(custom_database_name=none, node=none) -%}
{%- if custom_database_name is none -%}
{{ target.database }}
{%- else -%}
{{ custom_database_name }}
{%- endif -%}
{%- endmacro %}

{#- The custom schema as it is, but only on the target named prod; elsewhere target.schema. -#}
{% macro generate_schema_name_for_env(custom_schema_name, node) -%}
{%- if target.name == 'prod' and custom_schema_name is not none -%}
{{ custom_schema_name | trim }}
{%- else -%}
{{ target.schema }}
{%- endif -%}
{%- endmacro %}

{% macro register_upstream_external_models() -%}
{#- dbt-duckdb's on-run-start hook creates views over upstream external models' files so a partial
    run can read them; mds reads external models and sources from their files directly, so there
    is nothing to register. -#}
{%- endmacro %}

{#- ------------------------------------------------- what custom materializations call -#}

{#- Hooks arrive as SQL text (or dbt's {'sql': ...} maps); each runs as a statement. -#}
{% macro run_hooks(hooks, inside_transaction=True) -%}
  {%- for hook in hooks -%}
    {%- call statement('hook') -%}{{ hook.get('sql') if hook is mapping else hook }}{%- endcall -%}
  {%- endfor -%}
{%- endmacro %}

{% macro make_temp_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(api.Relation.create(database=base_relation.database, schema=base_relation.schema,
      identifier=base_relation.identifier ~ suffix, type='table')) }}
{%- endmacro %}

{% macro make_intermediate_relation(base_relation, suffix='__dbt_tmp') -%}
  {{ return(make_temp_relation(base_relation, suffix)) }}
{%- endmacro %}

{% macro make_backup_relation(base_relation, backup_relation_type, suffix='__dbt_backup') -%}
  {{ return(api.Relation.create(database=base_relation.database, schema=base_relation.schema,
      identifier=base_relation.identifier ~ suffix, type=backup_relation_type)) }}
{%- endmacro %}

{% macro load_cached_relation(relation) -%}
  {{ return(adapter.get_relation(database=relation.database, schema=relation.schema,
      identifier=relation.identifier)) }}
{%- endmacro %}

{% macro load_relation(relation) -%}
  {{ return(load_cached_relation(relation)) }}
{%- endmacro %}

{% macro duckdb__get_create_table_as_sql(temporary, relation, sql) -%}
  create {% if temporary %}temporary {% endif %}table {{ relation.include(database=(not temporary), schema=(not temporary)) }} as (
    {{ sql }}
  )
{%- endmacro %}

{% macro duckdb__create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ dbt.get_create_table_as_sql(temporary, relation, compiled_code) }}
{%- endmacro %}

{% macro duckdb__get_create_view_as_sql(relation, sql) -%}
  create view {{ relation }} as (
    {{ sql }}
  )
{%- endmacro %}

{% macro duckdb__create_view_as(relation, sql) -%}
  {{ dbt.get_create_view_as_sql(relation, sql) }}
{%- endmacro %}

{% macro drop_relation_if_exists(relation) -%}
  {%- if relation is not none -%}{% do adapter.drop_relation(relation) %}{%- endif -%}
{%- endmacro %}

{% macro should_full_refresh() -%}
  {{ return(config.get('full_refresh', false) or false) }}
{%- endmacro %}

{#- Whether the running test keeps its failing rows in a table: its store_failures config, else the
    command's flag (generic tests select every column only then). -#}
{% macro should_store_failures() -%}
  {%- set configured = config.get('store_failures') -%}
  {{ return(flags.STORE_FAILURES if configured is none else configured) }}
{%- endmacro %}

{#- Documentation and grants live in mds's docs site and the warehouse's own tools. -#}
{% macro persist_docs(relation, model, for_relation=true, for_columns=true) -%}{%- endmacro %}
{% macro apply_grants(relation, grant_config, should_revoke=True) -%}{%- endmacro %}
{% macro should_revoke(existing_relation, full_refresh_mode=True) -%}{{ return(false) }}{%- endmacro %}
{% macro set_sql_header(config) -%}{%- endmacro %}
