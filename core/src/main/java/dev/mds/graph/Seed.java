package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;

/** A CSV file loaded into a table by {@code mds seed}. */
public record Seed(String uniqueId, String name, String file, List<String> fqn, NodeConfig config,
    String description, List<ColumnSpec> columns, Relation relation, String checksum)
    implements Node {

  @Override
  public ResourceType resourceType() {
    return ResourceType.SEED;
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }
}
