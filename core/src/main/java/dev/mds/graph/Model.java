package dev.mds.graph;

import dev.mds.project.NodeConfig;
import dev.mds.schema.ColumnSpec;
import java.util.List;

/**
 * A model: a SQL file, or a Python file ({@code .py}) whose {@code model(dbt, session)} function
 * returns the rows; or a snapshot, whose SELECT is the source of a type-2 history.
 *
 * @param rawSql the file's text as written (Python code for a Python model)
 * @param refs the {@code ref()} calls found while parsing
 * @param sources the {@code source()} calls found while parsing
 * @param checksum the SHA-256 of the file with line endings normalised
 * @param version which version of a versioned model this is ({@code versions:} in schema YAML)
 */
public record Model(String uniqueId, String name, String file, List<String> fqn, NodeConfig config,
    String description, List<ColumnSpec> columns, List<String> dependsOn, Relation relation,
    String rawSql, List<RefCall> refs, List<SourceCall> sources, String checksum,
    java.util.Optional<ModelVersion> version)
    implements Node {

  /** A model without versions. */
  public Model(String uniqueId, String name, String file, List<String> fqn, NodeConfig config,
      String description, List<ColumnSpec> columns, List<String> dependsOn, Relation relation,
      String rawSql, List<RefCall> refs, List<SourceCall> sources, String checksum) {
    this(uniqueId, name, file, fqn, config, description, columns, dependsOn, relation, rawSql,
        refs, sources, checksum, java.util.Optional.empty());
  }

  /**
   * The same model built into {@code other} (a staging relation, where an engine without
   * transactions builds and audits a new version before swapping it in).
   */
  public Model withRelation(Relation other) {
    return new Model(uniqueId, name, file, fqn, config, description, columns, dependsOn, other,
        rawSql, refs, sources, checksum, version);
  }

  @Override
  public ResourceType resourceType() {
    return isSnapshot() ? ResourceType.SNAPSHOT : ResourceType.MODEL;
  }

  /**
   * Whether this is a snapshot ({@code snapshot.project.name}): built and referred to as a model
   * is, but materialized as dbt's type-2 history ({@code materialized: snapshot}).
   */
  public boolean isSnapshot() {
    return uniqueId.startsWith("snapshot.");
  }

  /**
   * How the model is built; a Python model is a table unless configured otherwise, as in dbt.
   */
  public String materialized() {
    return isPython() ? config.string("materialized").orElse("table") : config.materialized();
  }

  /** {@code sql} or {@code python}, as dbt's manifest names a model's language. */
  public String language() {
    return isPython() ? "python" : "sql";
  }

  /** Whether the model is a {@code .py} file. */
  public boolean isPython() {
    return file.endsWith(".py");
  }

  public boolean isEphemeral() {
    return "ephemeral".equals(materialized());
  }
}
