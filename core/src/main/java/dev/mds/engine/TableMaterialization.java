package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;

/**
 * {@code materialized: table}: the new table replaces the old one in one transaction, so a SELECT
 * that fails leaves yesterday's table untouched. Its rows are counted after the commit (DuckDB
 * reports no row count for {@code create table as}), by the run on another thread.
 */
final class TableMaterialization implements Materialization {

  @Override
  public BuildResult build(Session session, Model model, String sql, boolean incremental)
      throws SQLException {
    return replaceTable(session, model, sql);
  }

  /** Replaces the model's table, created as its enforced contract declares when it has one. */
  static BuildResult replaceTable(Session session, Model model, String sql)
      throws SQLException {
    java.util.Optional<Contract> contract = Contract.of(model);
    if (contract.isEmpty()) {
      return replaceTable(session, model.relation(), sql, "SELECT", TableOptions.of(model));
    }
    Relation relation = model.relation();
    return session.inTransaction(() -> {
      if (session.relationType(relation).filter(t -> t.equals("VIEW")).isPresent()) {
        session.execute(session.dialect().dropView(relation));
      }
      contract.get().createTable(session, relation, sql, TableOptions.of(model));
      session.created(relation, "BASE TABLE");
      return BuildResult.rowsOf("SELECT", relation);
    });
  }

  /**
   * Replaces {@code relation} with a table of {@code sql}'s rows; {@code verb} labels the result,
   * whose rows are left to count.
   */
  static BuildResult replaceTable(Session session, Relation relation, String sql, String verb,
      TableOptions options) throws SQLException {
    return session.inTransaction(() -> {
      if (session.relationType(relation).filter(t -> t.equals("VIEW")).isPresent()) {
        session.execute(session.dialect().dropView(relation));
      }
      session.execute(session.dialect().createTableAs(relation, sql, options));
      session.created(relation, "BASE TABLE");
      return BuildResult.rowsOf(verb, relation);
    });
  }
}
