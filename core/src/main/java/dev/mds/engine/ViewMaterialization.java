package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;

/** {@code materialized: view}: create or replace the view. */
final class ViewMaterialization implements Materialization {

  @Override
  public BuildResult build(Session session, Model model, String sql, boolean incremental)
      throws SQLException {
    Relation relation = model.relation();
    return session.inTransaction(() -> {
      if (session.relationType(relation).filter(t -> !t.equals("VIEW")).isPresent()) {
        session.execute("drop table " + relation);
      }
      session.execute("create or replace view " + relation + " as\n" + sql);
      session.created(relation, "VIEW");
      return BuildResult.of("CREATE VIEW");
    });
  }
}
