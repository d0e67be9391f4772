{#- dbt_utils.mutually_exclusive_ranges: the [lower, upper) ranges of the rows (within each partition_by group) do not
    overlap; gaps 'allowed' (default), 'not_allowed' or 'required'; zero-length ranges only when
    zero_length_range_allowed. Every row whose bounds are null or out of order, or whose range runs into the next
    one (or leaves the wrong gap), fails. -#}
{% test mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=none, gaps='allowed', zero_length_range_allowed=false) -%}
  {{ return(adapter.dispatch('test_mutually_exclusive_ranges', 'dbt_utils')(model, lower_bound_column, upper_bound_column, partition_by, gaps, zero_length_range_allowed)) }}
{%- endtest %}

{% macro default__test_mutually_exclusive_ranges(model, lower_bound_column, upper_bound_column, partition_by=none, gaps='allowed', zero_length_range_allowed=false) -%}
{%- if gaps == 'allowed' -%}{%- set next_operator = '<=' -%}
{%- elif gaps == 'not_allowed' -%}{%- set next_operator = '=' -%}
{%- elif gaps == 'required' -%}{%- set next_operator = '<' -%}
{%- else -%}
{{ exceptions.raise_compiler_error("mutually_exclusive_ranges: gaps must be one of allowed, not_allowed, required; got '" ~ gaps ~ "'") }}
{%- endif -%}
{%- set bound_operator = '<=' if zero_length_range_allowed else '<' -%}
{%- set window = ('partition by ' ~ partition_by ~ ' ' if partition_by else '') ~ 'order by ' ~ lower_bound_column ~ ', ' ~ upper_bound_column %}
with windowed as (
  select
    {% if partition_by %}{{ partition_by }}, {% endif %}{{ lower_bound_column }} as lower_bound,
    {{ upper_bound_column }} as upper_bound,
    lead({{ lower_bound_column }}) over ({{ window }}) as next_lower_bound,
    row_number() over ({{ window }})
      = count(*) over ({% if partition_by %}partition by {{ partition_by }}{% endif %}) as is_last_record
  from {{ model }}
),
checked as (
  select *,
    lower_bound is not null as lower_bound_not_null,
    upper_bound is not null as upper_bound_not_null,
    coalesce(lower_bound {{ bound_operator }} upper_bound, false) as lower_bound_before_upper_bound,
    coalesce(upper_bound {{ next_operator }} next_lower_bound, is_last_record, false) as upper_bound_fits_next_lower_bound
  from windowed
)
select *
from checked
where not (lower_bound_not_null and upper_bound_not_null and lower_bound_before_upper_bound
  and upper_bound_fits_next_lower_bound)
{%- endmacro %}
