package dev.mds.schema;

import java.util.List;
import java.util.Map;

/**
 * The schema-YAML properties of a model or seed: description, columns, tests and config.
 *
 * @param resourceType {@code model} or {@code seed}
 * @param file the YAML file, relative to the project folder
 */
public record NodeProperties(String resourceType, String name, String description,
    List<ColumnSpec> columns, List<TestSpec> tests, Map<String, Object> config,
    Map<String, Object> meta, String file) {
}
