{#-
  dbt's cross-database macros in Spark SQL, for targets of `type: spark`: dispatch tries `spark__x`
  first there. Arguments, their order and defaults are dbt's, as in dbt_macros.sql (the DuckDB
  versions, which also serve as the fallback for a macro without a Spark version here). Spark
  string literals escape a quote with a backslash; date and time functions are Spark's own.
-#}

{#- ---------------------------------------------------------------- dates and times -#}

{% macro spark__date_trunc(datepart, date) -%}
date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{#- Spark's timestampadd takes the unit as a keyword and any whole number (a column too). -#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
timestampadd({{ datepart | upper }}, cast({{ interval }} as bigint), {{ from_date_or_timestamp }})
{%- endmacro %}

{#-
  Boundaries crossed, as dbt counts them (not whole periods elapsed, which is what Spark's
  timestampdiff counts): both sides are truncated to the datepart first. Weeks start on Sunday, as
  on DuckDB: both sides move a day on before Spark's Monday weeks are taken.
-#}
{% macro spark__datediff(first_date, second_date, datepart) -%}
{%- set part = datepart | lower -%}
{%- if part == 'week' -%}
(timestampdiff(DAY, date_trunc('week', timestampadd(DAY, 1, cast({{ first_date }} as timestamp))), date_trunc('week', timestampadd(DAY, 1, cast({{ second_date }} as timestamp)))) div 7)
{%- else -%}
timestampdiff({{ part | upper }}, date_trunc('{{ part }}', cast({{ first_date }} as timestamp)), date_trunc('{{ part }}', cast({{ second_date }} as timestamp)))
{%- endif -%}
{%- endmacro %}

{% macro spark__last_day(date, datepart) -%}
cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{% macro spark__default_last_day(date, datepart) -%}
{{ dbt.last_day(date, datepart) }}
{%- endmacro %}

{% macro spark__date(year, month, day) -%}
make_date({{ year }}, {{ month }}, {{ day }})
{%- endmacro %}

{% macro spark__current_timestamp() -%}
current_timestamp()
{%- endmacro %}

{% macro spark__current_timestamp_backcompat() -%}
current_timestamp()
{%- endmacro %}

{#- mds's Spark sessions keep time in UTC; a cluster's own zone is converted from. -#}
{% macro spark__current_timestamp_in_utc_backcompat() -%}
to_utc_timestamp(current_timestamp(), current_timezone())
{%- endmacro %}

{% macro spark__snapshot_get_time() -%}
current_timestamp()
{%- endmacro %}

{% macro spark__snapshot_string_as_time(timestamp) -%}
to_timestamp('{{ timestamp }}')
{%- endmacro %}

{#- ---------------------------------------------------------------- series -#}

{% macro spark__get_intervals_between(start_date, end_date, datepart) -%}
{{ dbt.datediff(start_date, end_date, datepart) }}
{%- endmacro %}

{#- sequence(0, -1) counts down in Spark: an empty spine must stay empty. -#}
{% macro spark__date_spine(datepart, start_date, end_date) -%}
select date_{{ datepart }}
from (
    select {{ dbt.dateadd(datepart, 'spine_offset', start_date) }} as date_{{ datepart }}
    from (
        select explode(sequence(0, greatest({{ dbt.datediff(start_date, end_date, datepart) }} - 1, 0))) as spine_offset
    ) as offsets
    where spine_offset < {{ dbt.datediff(start_date, end_date, datepart) }}
) as spine
where date_{{ datepart }} <= {{ end_date }}
{%- endmacro %}

{% macro spark__generate_series(upper_bound) -%}
select generated_number
from (select explode(sequence(1, greatest(cast({{ upper_bound }} as bigint), 1))) as generated_number) as series
where generated_number <= cast({{ upper_bound }} as bigint)
{%- endmacro %}

{% macro spark__get_powers_of_two(upper_bound) -%}
{%- if upper_bound <= 0 -%}
raise_error('get_powers_of_two: upper bound must be positive')
{%- else -%}
{%- for n in range(1, 100) -%}
{%- if upper_bound <= 2 ** n and (n == 1 or upper_bound > 2 ** (n - 1)) -%}{{ n }}{%- endif -%}
{%- endfor -%}
{%- endif -%}
{%- endmacro %}

{#- ---------------------------------------------------------------- strings -#}

{#- Like dbt, any null makes the result null (Spark's concat does the same). -#}
{% macro spark__concat(fields) -%}
concat({{ fields | join(', ') }})
{%- endmacro %}

{% macro spark__hash(field) -%}
md5(cast({{ field }} as string))
{%- endmacro %}

{#-
  1-based, negative from the end, null when the part is not there (as on DuckDB). Spark's split
  takes a pattern: the delimiter is quoted to be taken literally.
-#}
{% macro spark__split_part(string_text, delimiter_text, part_number) -%}
try_element_at(split({{ string_text }}, concat('\\Q', {{ delimiter_text }}, '\\E'), -1), {{ part_number }})
{%- endmacro %}

{#-
  Spark 4's listagg ... within group (order by ...) skips nulls, as string_agg does; the order
  clause arrives as SQL text ("order by name desc").
-#}
{% macro spark__listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
{%- if limit_num -%}
array_join(slice(array_compact(collect_list({{ measure }})), 1, {{ limit_num }}), {{ delimiter_text }})
{%- else -%}
listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endif -%}
{%- endmacro %}

{% macro spark__replace(field, old_chars, new_chars) -%}
replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{% macro spark__length(expression) -%}
length({{ expression }})
{%- endmacro %}

{% macro spark__position(substring_text, string_text) -%}
locate({{ substring_text }}, {{ string_text }})
{%- endmacro %}

{% macro spark__right(string_text, length_expression) -%}
right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{#- Spark escapes a quote inside a literal with a backslash. -#}
{% macro spark__escape_single_quotes(expression) -%}
{{ expression | replace("\\", "\\\\") | replace("'", "\\'") }}
{%- endmacro %}

{% macro spark__string_literal(value) -%}
'{{ value }}'
{%- endmacro %}

{#- ---------------------------------------------------------------- aggregates, comparison, casts -#}

{% macro spark__any_value(expression) -%}
any_value({{ expression }})
{%- endmacro %}

{% macro spark__bool_or(expression) -%}
bool_or({{ expression }})
{%- endmacro %}

{% macro spark__equals(expr1, expr2) -%}
({{ expr1 }} = {{ expr2 }})
{%- endmacro %}

{% macro spark__cast(field, type) -%}
cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__cast_bool_to_text(field) -%}
cast({{ field }} as string)
{%- endmacro %}

{#- ---------------------------------------------------------------- set operators -#}

{% macro spark__except() -%}
except
{%- endmacro %}

{% macro spark__intersect() -%}
intersect
{%- endmacro %}

{#- ---------------------------------------------------------------- type names (as dbt-spark names them) -#}

{% macro spark__type_string() -%}
string
{%- endmacro %}

{% macro spark__type_timestamp() -%}
timestamp
{%- endmacro %}

{% macro spark__type_float() -%}
float
{%- endmacro %}

{% macro spark__type_numeric() -%}
decimal(28,6)
{%- endmacro %}

{% macro spark__type_bigint() -%}
bigint
{%- endmacro %}

{% macro spark__type_int() -%}
int
{%- endmacro %}

{% macro spark__type_boolean() -%}
boolean
{%- endmacro %}

{#- ---------------------------------------------------------------- arrays -#}

{% macro spark__array_construct(inputs=[], data_type='int') -%}
{%- if inputs | length > 0 -%}
array({{ inputs | join(', ') }})
{%- else -%}
cast(array() as array<{{ data_type }}>)
{%- endif -%}
{%- endmacro %}

{% macro spark__array_append(array, new_element) -%}
array_append({{ array }}, {{ new_element }})
{%- endmacro %}

{% macro spark__array_concat(array_1, array_2) -%}
concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{#- ------------------------------------------------- what custom materializations call -#}

{% macro spark__get_create_table_as_sql(temporary, relation, sql) -%}
  {%- if temporary -%}
  create or replace temporary view {{ relation.include(database=false, schema=false) }} as
    {{ sql }}
  {%- else -%}
  create or replace table {{ relation }}
  using {{ config.get('file_format', 'delta') }}
  as
    {{ sql }}
  {%- endif -%}
{%- endmacro %}

{% macro spark__create_table_as(temporary, relation, compiled_code, language='sql') -%}
  {{ dbt.get_create_table_as_sql(temporary, relation, compiled_code) }}
{%- endmacro %}

{% macro spark__get_create_view_as_sql(relation, sql) -%}
  create or replace view {{ relation }} as
    {{ sql }}
{%- endmacro %}

{% macro spark__create_view_as(relation, sql) -%}
  {{ dbt.get_create_view_as_sql(relation, sql) }}
{%- endmacro %}
