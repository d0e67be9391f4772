package dev.mds.schema;

import java.util.Map;
import java.util.Optional;

/**
 * A generic data test as declared in schema YAML, before it becomes a graph node.
 *
 * @param testName the test's name as written, e.g. {@code unique} or
 *     {@code dbt_utils.unique_combination_of_columns}
 * @param customName the {@code name:} given to this test instance, if any
 * @param columnName the column it is declared on, if any
 * @param arguments the test's arguments (values, to, field, columns, ...)
 * @param config test configs (severity, where, error_if, ...)
 * @param file the YAML file it came from, relative to the project folder
 */
public record TestSpec(String testName, Optional<String> customName, Optional<String> columnName,
    Map<String, Object> arguments, Map<String, Object> config, String file) {
}
