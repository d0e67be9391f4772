package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data test: a generic test declared in schema YAML ({@code unique}, {@code not_null}, a custom
 * {@code {% test %}}...) or a singular test file under {@code tests/}. Either way its SQL selects
 * the failing rows.
 *
 * @param testName the generic test's name without namespace ({@code unique}), or {@code singular}
 * @param attachedTo the model, seed or source it is declared on
 * @param arguments the generic test's arguments, {@code column_name} included
 * @param relation where {@code store_failures} keeps the failing rows
 * @param rawSql a singular test's file text; empty for generic tests
 */
public record DataTest(String uniqueId, String name, String file, List<String> fqn,
    NodeConfig config, String description, String testName, Optional<String> attachedTo,
    Optional<String> columnName, Map<String, Object> arguments, List<String> dependsOn,
    Relation relation, String rawSql, List<RefCall> refs, List<SourceCall> sources,
    String checksum) implements Node {

  @Override
  public ResourceType resourceType() {
    return ResourceType.TEST;
  }

  @Override
  public List<ColumnSpec> columns() {
    return List.of();
  }

  public boolean isSingular() {
    return testName.equals("singular");
  }

  /** {@code error} unless configured {@code warn}. */
  public String severity() {
    return config.string("severity").orElse("error").toLowerCase(java.util.Locale.ROOT);
  }
}
