{#- The host of a URL held in `field`: without http://, https:// or android-app://, up to the
    first '/' or '?'. -#}
{% macro get_url_host(field) -%}
  {{ return(adapter.dispatch('get_url_host', 'dbt_utils')(field)) }}
{%- endmacro %}

{% macro default__get_url_host(field) -%}
cast(split_part(split_part(replace(replace(replace({{ field }}, 'android-app://', ''), 'http://', ''), 'https://', ''), '/', 1), '?', 1) as {{ dbt.type_string() }})
{%- endmacro %}

{#- The path of a URL held in `field`: after the host's '/', up to the '?' ('' when there is none). -#}
{% macro get_url_path(field) -%}
  {{ return(adapter.dispatch('get_url_path', 'dbt_utils')(field)) }}
{%- endmacro %}

{% macro default__get_url_path(field) -%}
  {%- set stripped = "replace(replace(" ~ field ~ ", 'http://', ''), 'https://', '')" -%}
cast(split_part(case when strpos({{ stripped }}, '/') > 0 then substr({{ stripped }}, strpos({{ stripped }}, '/') + 1) else '' end, '?', 1) as {{ dbt.type_string() }})
{%- endmacro %}

{#- The value of query parameter url_parameter in a URL held in `field`, null when absent or empty. -#}
{% macro get_url_parameter(field, url_parameter) -%}
  {{ return(adapter.dispatch('get_url_parameter', 'dbt_utils')(field, url_parameter)) }}
{%- endmacro %}

{% macro default__get_url_parameter(field, url_parameter) -%}
nullif(split_part(split_part({{ field }}, '{{ dbt.escape_single_quotes(url_parameter) }}=', 2), '&', 1), '')
{%- endmacro %}
