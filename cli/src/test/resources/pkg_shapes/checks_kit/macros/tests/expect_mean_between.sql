{% test expect_mean_between(model, column_name, min_value, max_value, group_by=None) %}
{{ checks_kit.expression_holds(model, "avg(" ~ column_name ~ ") between " ~ min_value ~ " and " ~ max_value,
    group_by_columns=group_by) }}
{% endtest %}
