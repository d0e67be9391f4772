package dev.mds.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the schema YAML files of a project declare. */
public record SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
    List<SourceSpec> sources) {

  public Optional<NodeProperties> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public Optional<NodeProperties> seed(String name) {
    return Optional.ofNullable(seeds.get(name));
  }
}
