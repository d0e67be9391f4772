{#- The sum of the expressions, a null one counting as 0. -#}
{% macro safe_add(field_list) -%}
  {{ return(adapter.dispatch('safe_add', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__safe_add(field_list) -%}
  {%- if field_list is string or field_list is mapping or field_list is not iterable -%}
    {%- do exceptions.warn("the `safe_add` macro now takes a single list argument instead of string arguments.") -%}
  {%- endif -%}
  {%- set terms = [] -%}
  {%- for field in field_list -%}{%- do terms.append("coalesce(" ~ field ~ ", 0)") -%}{%- endfor -%}
  {{ terms | join(' +\n  ') }}
{%- endmacro %}

{#- The first expression minus the others, a null one counting as 0. -#}
{% macro safe_subtract(field_list) -%}
  {{ return(adapter.dispatch('safe_subtract', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__safe_subtract(field_list) -%}
  {%- if field_list is string or field_list is mapping or field_list is not iterable -%}
    {%- do exceptions.raise_compiler_error("the `safe_subtract` macro takes a single list argument instead of string arguments.") -%}
  {%- endif -%}
  {%- set terms = [] -%}
  {%- for field in field_list -%}{%- do terms.append("coalesce(" ~ field ~ ", 0)") -%}{%- endfor -%}
  {{ terms | join(' -\n  ') }}
{%- endmacro %}

{#- numerator / denominator, null (not an error) when the denominator is 0. -#}
{% macro safe_divide(numerator, denominator) -%}
  {{ return(adapter.dispatch('safe_divide', 'dbt_utils')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
( {{ numerator }} ) / nullif( ( {{ denominator }} ), 0)
{%- endmacro %}

{#- The bucket (1..num_buckets) of expr among equal-width buckets over [min_value, max_value);
    below min_value is 0, from max_value on is num_buckets + 1. -#}
{% macro width_bucket(expr, min_value, max_value, num_buckets) -%}
  {{ return(adapter.dispatch('width_bucket', 'dbt_utils')(expr, min_value, max_value, num_buckets)) }}
{%- endmacro %}

{% macro default__width_bucket(expr, min_value, max_value, num_buckets) -%}
  {%- set width = "((" ~ max_value ~ ") - (" ~ min_value ~ ")) / (" ~ num_buckets ~ ")" -%}
cast(greatest(least(floor((({{ expr }}) - ({{ min_value }})) / ({{ width }})) + 1, ({{ num_buckets }}) + 1), 0) as bigint)
{%- endmacro %}

{#- The great-circle distance between two points given in degrees, in miles (unit='mi') or km. -#}
{% macro haversine_distance(lat1, lon1, lat2, lon2, unit='mi') -%}
  {{ return(adapter.dispatch('haversine_distance', 'dbt_utils')(lat1, lon1, lat2, lon2, unit)) }}
{%- endmacro %}

{% macro default__haversine_distance(lat1, lon1, lat2, lon2, unit='mi') -%}
  {%- if unit == 'mi' -%}{%- set factor = 1 -%}
  {%- elif unit == 'km' -%}{%- set factor = 1.60934 -%}
  {%- else -%}{%- do exceptions.raise_compiler_error("unit input must be one of 'mi' or 'km'. Got " ~ unit) -%}
  {%- endif -%}
2 * 3961 * asin(sqrt(power(sin(radians(({{ lat2 }} - {{ lat1 }}) / 2)), 2) + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }})) * power(sin(radians(({{ lon2 }} - {{ lon1 }}) / 2)), 2))) * {{ factor }}
{%- endmacro %}

{#- `group by 1, 2, ..., n`. -#}
{% macro group_by(n) -%}
  {{ return(adapter.dispatch('group_by', 'dbt_utils')(n)) }}
{%- endmacro %}

{% macro default__group_by(n) -%}
group by {% for i in range(1, n + 1) %}{{ i }}{{ ', ' if not loop.last }}{% endfor %}
{%- endmacro %}
