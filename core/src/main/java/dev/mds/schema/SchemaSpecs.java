package dev.mds.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the schema YAML files of a project declare.
 *
 * @param snapshots {@code snapshots:} entries: properties of snapshot blocks, or whole snapshots
 *     when they have a {@code relation:}
 * @param snapshotRelations the {@code relation:} ({@code ref('x')} or {@code source('a', 'b')})
 *     of snapshots defined in YAML, by name
 */
public record SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
    List<SourceSpec> sources, Map<String, NodeProperties> snapshots,
    Map<String, String> snapshotRelations) {

  public SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
      List<SourceSpec> sources) {
    this(models, seeds, sources, Map.of(), Map.of());
  }

  public Optional<NodeProperties> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public Optional<NodeProperties> seed(String name) {
    return Optional.ofNullable(seeds.get(name));
  }

  public Optional<NodeProperties> snapshot(String name) {
    return Optional.ofNullable(snapshots.get(name));
  }
}
