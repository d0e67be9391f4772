package dev.mds.schema;

import dev.mds.graph.Relation;
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
 * @param columnSql the column as the test's SQL gets it ({@code column_name}): quoted unless it
 *     is a plain name or the column says {@code quote: false} (see
 *     {@link dev.mds.graph.Relation#column})
 */
public record TestSpec(String testName, Optional<String> customName, Optional<String> columnName,
    Map<String, Object> arguments, Map<String, Object> config, String file,
    Optional<String> columnSql) {

  /** A test on a column with no {@code quote:} of its own, or on no column. */
  public TestSpec(String testName, Optional<String> customName, Optional<String> columnName,
      Map<String, Object> arguments, Map<String, Object> config, String file) {
    this(testName, customName, columnName, arguments, config, file,
        columnName.map(name -> Relation.column(name, Optional.empty())));
  }
}
