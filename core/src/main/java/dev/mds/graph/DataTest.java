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
 * @param ownConfigKeys the config keys the test's own YAML sets (these win over what the generic
 *     test's definition sets with {@code config()})
 */
public record DataTest(String uniqueId, String name, String file, List<String> fqn,
    NodeConfig config, String description, String testName, Optional<String> attachedTo,
    Optional<String> columnName, Map<String, Object> arguments, List<String> dependsOn,
    Relation relation, String rawSql, List<RefCall> refs, List<SourceCall> sources,
    String checksum, java.util.Set<String> ownConfigKeys) implements Node {

  public DataTest {
    ownConfigKeys = java.util.Set.copyOf(ownConfigKeys);
  }

  /** A test whose every config key counts as its own: no definition's config() changes it. */
  public DataTest(String uniqueId, String name, String file, List<String> fqn,
      NodeConfig config, String description, String testName, Optional<String> attachedTo,
      Optional<String> columnName, Map<String, Object> arguments, List<String> dependsOn,
      Relation relation, String rawSql, List<RefCall> refs, List<SourceCall> sources,
      String checksum) {
    this(uniqueId, name, file, fqn, config, description, testName, attachedTo, columnName,
        arguments, dependsOn, relation, rawSql, refs, sources, checksum, config.values().keySet());
  }

  /**
   * The config a run applies, as dbt layers it: what the generic test's definition sets with
   * {@code config()} while it compiles ({@code fail_calc}, {@code severity}, ...) lies over the
   * project's test configs and under the test's own YAML config.
   */
  public NodeConfig configWith(Map<String, Object> fromDefinition) {
    Map<String, Object> applied = new java.util.LinkedHashMap<>();
    fromDefinition.forEach((key, value) -> {
      if (!ownConfigKeys.contains(NodeConfig.normaliseKey(key))) {
        applied.put(key, value);
      }
    });
    return applied.isEmpty() ? config : config.merge(applied);
  }

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
    return severity(config);
  }

  /** {@code error} unless {@code config} says {@code warn}. */
  public static String severity(NodeConfig config) {
    return config.string("severity").orElse("error").toLowerCase(java.util.Locale.ROOT);
  }
}
