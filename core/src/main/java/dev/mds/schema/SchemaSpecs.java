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
 * @param versions the versions of versioned models, by node name
 * @param exposures {@code exposures:} entries
 */
public record SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
    List<SourceSpec> sources, Map<String, NodeProperties> snapshots,
    Map<String, String> snapshotRelations, Map<String, dev.mds.graph.ModelVersion> versions,
    List<ExposureSpec> exposures) {

  public SchemaSpecs(Map<String, NodeProperties> models, Map<String, NodeProperties> seeds,
      List<SourceSpec> sources) {
    this(models, seeds, sources, Map.of(), Map.of(), Map.of(), List.of());
  }

  /**
   * The node a model file defines: its own base name, or for a file that holds a version of a
   * versioned model ({@code <name>_v<v>} or its {@code defined_in}), that version's node name.
   */
  public String nodeNameForFile(String baseName) {
    return nodeNameForFile(baseName, name -> true);
  }

  /**
   * As {@link #nodeNameForFile(String)}; also, as dbt allows, the latest version without a
   * {@code defined_in} may live in the file named after the model ({@code dim_customers.sql})
   * when its default file ({@code dim_customers_v2.sql}) does not exist.
   */
  public String nodeNameForFile(String baseName,
      java.util.function.Predicate<String> modelFileExists) {
    if (versions.isEmpty()) {
      return baseName;
    }
    for (dev.mds.graph.ModelVersion version : versions.values()) {
      if (version.definedIn().equals(baseName)) {
        return version.nodeName();
      }
    }
    for (dev.mds.graph.ModelVersion version : versions.values()) {
      if (version.modelName().equals(baseName) && version.isLatest()
          && version.definedIn().equals(version.nodeName())
          && !modelFileExists.test(version.definedIn())) {
        return version.nodeName();
      }
    }
    return baseName;
  }

  /** The version a model node is, if it is one. */
  public Optional<dev.mds.graph.ModelVersion> version(String nodeName) {
    return Optional.ofNullable(versions.get(nodeName));
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
