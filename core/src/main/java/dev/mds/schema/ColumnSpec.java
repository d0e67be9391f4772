package dev.mds.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A column as described in schema YAML.
 *
 * @param constraints the column's {@code constraints:} entries as written (type, expression,
 *     name, to, to_columns), which an enforced contract applies
 */
public record ColumnSpec(String name, String description, Optional<String> dataType,
    List<TestSpec> tests, Map<String, Object> meta, Map<String, Object> config,
    List<Map<String, Object>> constraints) {

  public ColumnSpec(String name, String description, Optional<String> dataType,
      List<TestSpec> tests, Map<String, Object> meta, Map<String, Object> config) {
    this(name, description, dataType, tests, meta, config, List.of());
  }
}
