package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;

/** A table loaded by something other than mds, declared under {@code sources:}. */
public record Source(String uniqueId, String sourceName, String name, String file,
    List<String> fqn, NodeConfig config, String description, String sourceDescription,
    List<ColumnSpec> columns, Relation relation) implements Node {

  @Override
  public ResourceType resourceType() {
    return ResourceType.SOURCE;
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }
}
