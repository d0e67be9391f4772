package dev.mds.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the schema YAML files of a project declare. */
public record SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
    List<SourceSpec> sources, List<ExposureSpec> exposures) {

  public SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
      List<SourceSpec> sources) {
    this(models, seeds, sources, List.of());
  }

  public Optional<NodeProperties> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public Optional<NodeProperties> seed(String name) {
    return Optional.ofNullable(seeds.get(name));
  }
}
