{#- dbt_utils' series helpers in Spark SQL (dispatch picks spark__ on a Spark target): dbt's Spark
    versions, as the DuckDB defaults call dbt's DuckDB ones. -#}

{% macro spark__date_spine(datepart, start_date, end_date) -%}
{{ dbt.spark__date_spine(datepart, start_date, end_date) }}
{%- endmacro %}

{% macro spark__generate_series(upper_bound) -%}
{{ dbt.spark__generate_series(upper_bound) }}
{%- endmacro %}
