package dev.mds.engine;

import dev.mds.graph.Model;

/** {@code materialized: ephemeral}: nothing is built; the SQL is inlined where it is used. */
final class EphemeralMaterialization implements Materialization {

  @Override
  public BuildResult build(Session session, Model model, String sql, boolean incremental) {
    return BuildResult.of("EPHEMERAL");
  }
}
