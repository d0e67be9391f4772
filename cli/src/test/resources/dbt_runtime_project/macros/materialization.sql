{# A custom materialization: parsed with the project (running one is not needed here). #}
{% materialization noop, adapter='duckdb' %}
  {% call statement('main') %}select 1{% endcall %}
  {{ return({'relations': [this]}) }}
{% endmaterialization %}
