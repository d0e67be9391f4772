{#- A hash of the fields, each cast to text, joined by '-'. A null field stands as
    '_dbt_utils_surrogate_key_null_' (or '' when the project sets the var
    surrogate_key_treat_nulls_as_empty_strings), so (null, 'a') and ('', 'a') differ. -#}
{% macro generate_surrogate_key(field_list) -%}
  {{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__generate_surrogate_key(field_list) -%}
  {%- set null_text = '' if var('surrogate_key_treat_nulls_as_empty_strings', False)
      else '_dbt_utils_surrogate_key_null_' -%}
  {%- set parts = [] -%}
  {%- for field in field_list -%}
    {%- if not loop.first -%}{%- do parts.append("'-'") -%}{%- endif -%}
    {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ null_text ~ "')") -%}
  {%- endfor -%}
  {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}

{#- Removed in dbt_utils 1.0: calling it stops the build and names its replacement. -#}
{% macro surrogate_key(field_list) -%}
  {{ return(adapter.dispatch('surrogate_key', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__surrogate_key(field_list) -%}
  {%- set node = model or {} -%}
  {%- do exceptions.raise_compiler_error(
      "Warning: `dbt_utils.surrogate_key` has been replaced by `dbt_utils.generate_surrogate_key`."
      ~ " The new macro treats null values differently to empty strings. To restore the behaviour"
      ~ " of the original macro, add a global variable in dbt_project.yml called"
      ~ " `surrogate_key_treat_nulls_as_empty_strings` to your dbt_project.yml file with a value of True."
      ~ " The " ~ node.get('package_name', project_name) ~ "." ~ node.get('name', '') ~ " model triggered this warning.") -%}
{%- endmacro %}
