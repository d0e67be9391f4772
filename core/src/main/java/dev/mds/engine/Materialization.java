package dev.mds.engine;

import dev.mds.graph.Model;
import java.sql.SQLException;

/** How a model becomes a relation: one implementation per {@code materialized} value. */
public interface Materialization {

  /**
   * Builds {@code model} from its compiled SELECT.
   *
   * @param incremental true when an incremental model adds to its existing table
   */
  BuildResult build(Session session, Model model, String sql, boolean incremental)
      throws SQLException;

  /**
   * The materialization for a model's {@code materialized} config.
   *
   * @param projectRoot where relative export locations are resolved
   */
  static Materialization of(Model model, java.nio.file.Path projectRoot) {
    return of(model, projectRoot, java.util.Optional.empty());
  }

  /**
   * @param externalRoot the profile's {@code external_root}: where external models without a
   *     {@code location} are written (empty: {@code exports/} in the project folder)
   */
  static Materialization of(Model model, java.nio.file.Path projectRoot,
      java.util.Optional<java.nio.file.Path> externalRoot) {
    String kind = model.materialized();
    return switch (kind) {
      case "view" -> new ViewMaterialization();
      case "table" -> new TableMaterialization();
      case "incremental" -> new IncrementalMaterialization();
      case "ephemeral" -> new EphemeralMaterialization();
      case "snapshot" -> new SnapshotMaterialization();
      case "external" -> new ExternalMaterialization(projectRoot,
          externalRoot.orElse(projectRoot.resolve("exports")));
      default -> throw new dev.mds.MdsException(model.file() + ": unknown materialization '"
          + kind + "' (use view, table, incremental, ephemeral or external)");
    };
  }
}
