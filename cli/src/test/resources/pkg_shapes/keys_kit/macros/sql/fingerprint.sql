{%- macro fingerprint(field_list) -%}
    {{ return(adapter.dispatch('fingerprint', 'keys_kit')(field_list)) }}
{%- endmacro -%}

{%- macro default__fingerprint(field_list) -%}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '~')") -%}
        {%- if not loop.last %}{% do parts.append("'|'") %}{% endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro -%}

{#- The old name: passes its extra positional arguments on, unpacked. -#}
{%- macro old_fingerprint(field_list) -%}
    {% set unused = varargs %}
    {{ return(adapter.dispatch('old_fingerprint', 'keys_kit')(field_list, *varargs)) }}
{%- endmacro -%}

{%- macro default__old_fingerprint(field_list, salt='') -%}
    {{ keys_kit.fingerprint(field_list + ([salt] if salt else [])) }}
{%- endmacro -%}
