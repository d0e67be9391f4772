{% macro _must_be_relation(obj, macro) %}
    {%- if not (obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation')) -%}
        {%- do exceptions.raise_compiler_error("Macro " ~ macro ~ " needs a relation, got: " ~ obj) -%}
    {%- endif -%}
{% endmacro %}

{% macro _must_not_be_cte(obj, macro) %}
    {%- if obj.is_cte -%}
        {%- set prefix = api.Relation.add_ephemeral_prefix('') -%}
        {%- set name = obj.name[(prefix | length):] if obj.name.startswith(prefix) else obj.name -%}
        {%- do exceptions.raise_compiler_error(macro ~ " cannot read the ephemeral model " ~ name) -%}
    {%- endif -%}
{% endmacro %}
