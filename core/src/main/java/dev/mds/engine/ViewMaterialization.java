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
        session.execute(session.dialect().dropTable(relation));
      }
      session.execute(session.dialect().createViewAs(relation, sql));
      session.created(relation, "VIEW");
      return BuildResult.of("CREATE VIEW");
    });
  }
}
