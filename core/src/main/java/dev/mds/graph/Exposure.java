package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A downstream use of the project declared under {@code exposures:} (a dashboard, a notebook, an
 * application...): part of the graph so selection and the docs see what it reads, never built.
 *
 * @param type dashboard, notebook, analysis, ml or application
 * @param maturity low, medium or high; empty when not given
 * @param ownerName the owner's name; empty when not given
 * @param ownerEmail the owner's email; empty when not given
 * @param dependsOnCalls the {@code depends_on} entries as written ({@code ref('orders')})
 * @param meta the exposure's {@code meta:} (with its config's)
 */
public record Exposure(String uniqueId, String name, String label, String file, List<String> fqn,
    NodeConfig config, String description, String type, Optional<String> maturity,
    Optional<String> url, Optional<String> ownerName, Optional<String> ownerEmail,
    List<String> dependsOnCalls, List<String> dependsOn, Map<String, Object> meta)
    implements Node {

  /** The types dbt accepts for an exposure. */
  public static final List<String> TYPES = List.of("dashboard", "notebook", "analysis", "ml",
      "application");

  @Override
  public ResourceType resourceType() {
    return ResourceType.EXPOSURE;
  }

  @Override
  public List<ColumnSpec> columns() {
    return List.of();
  }

  /** Exposures live outside the warehouse: an empty relation named after the exposure. */
  @Override
  public Relation relation() {
    return new Relation("", name);
  }
}
