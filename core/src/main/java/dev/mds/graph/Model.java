package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;

/**
 * A SQL model.
 *
 * @param rawSql the file's text as written
 * @param refs the {@code ref()} calls found while parsing
 * @param sources the {@code source()} calls found while parsing
 * @param checksum the SHA-256 of the file with line endings normalised
 */
public record Model(String uniqueId, String name, String file, List<String> fqn, NodeConfig config,
    String description, List<ColumnSpec> columns, List<String> dependsOn, Relation relation,
    String rawSql, List<RefCall> refs, List<SourceCall> sources, String checksum)
    implements Node {

  @Override
  public ResourceType resourceType() {
    return ResourceType.MODEL;
  }

  public String materialized() {
    return config.materialized();
  }

  public boolean isEphemeral() {
    return "ephemeral".equals(materialized());
  }
}
