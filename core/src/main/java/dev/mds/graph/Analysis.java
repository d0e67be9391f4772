package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;

/**
 * A SQL file under {@code analysis-paths}: compiled (refs resolved) to
 * {@code target/compiled/}, never built, as dbt's analyses.
 */
public record Analysis(String uniqueId, String name, String file, List<String> fqn,
    NodeConfig config, String description, List<String> dependsOn, Relation relation,
    String rawSql, List<RefCall> refs, List<SourceCall> sources, String checksum)
    implements Node {

  @Override
  public ResourceType resourceType() {
    return ResourceType.ANALYSIS;
  }

  @Override
  public List<ColumnSpec> columns() {
    return List.of();
  }

  /**
   * The analysis as the compiler renders a model: a view-like template that is never built, so
   * its compiled SQL goes to {@code target/compiled/<project>/analyses/...}.
   */
  public Model asModel() {
    return new Model(uniqueId, name, file, fqn, config.merge(java.util.Map.of("materialized",
        "view")), description, List.of(), dependsOn, relation, rawSql, refs, sources, checksum);
  }
}
