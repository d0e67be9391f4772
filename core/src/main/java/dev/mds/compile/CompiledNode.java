package dev.mds.compile;

import java.nio.file.Path;
import java.util.Map;

/**
 * A node's final SQL.
 *
 * @param sql the SELECT with refs resolved and ephemeral models inlined as CTEs
 * @param path where the SQL was written under {@code target/compiled/}
 * @param config what the node's template set with {@code config()} while it compiled (a generic
 *     test's definition sets {@code fail_calc} so)
 */
public record CompiledNode(String uniqueId, String sql, Path path, Map<String, Object> config) {

  public CompiledNode {
    config = Map.copyOf(config);
  }

  public CompiledNode(String uniqueId, String sql, Path path) {
    this(uniqueId, sql, path, Map.of());
  }
}
