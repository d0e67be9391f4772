package dev.mds.engine;

import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Write-audit-publish on an engine without transactions (Spark; DuckDB opened without them in
 * tests). A rebuild that is one statement and has no audit runs as it is: the engine replaces the
 * relation in one step ({@code create or replace}, a Delta {@code merge}), and a failing statement
 * leaves yesterday's relation. Anything else (audited models, multi-statement strategies,
 * snapshots, contracts) is built into a staging relation next to the target, starting from a copy
 * of the current table when the build adds to it; its audits read the stage; only when they pass
 * is the stage swapped in by one {@code create or replace} (so the target is never missing, even
 * if the process is killed between any two statements), and the stage is dropped. A failure
 * drops the stage and leaves the target as it was.
 *
 * <p>What this cannot give, and transactions do: a kill after the swap but before the stage is
 * dropped leaves the stage behind (the next build replaces it); a relation that changes from
 * view to table (or back) is dropped and re-created in two statements; post-hooks run after
 * the swap, unaudited.
 */
public final class StagedBuild {

  /** Incremental strategies that apply in one statement. */
  private static final Set<String> ONE_STATEMENT = Set.of("append", "merge", "insert_overwrite");

  private StagedBuild() {
  }

  /**
   * Builds {@code model} with {@code materialization} on {@code session}'s engine, which has no
   * transactions.
   *
   * @param audited whether tests (or contract checks) must pass before the new version is
   *     published: they run as the session's before-commit work, against the stage
   */
  public static BuildResult build(Session session, Materialization materialization, Model model,
      String sql, boolean incremental, boolean audited) throws SQLException {
    // An external model stages its files itself (a new folder, checked, then swapped in): its
    // relation is only a view over them.
    if (!audited && oneStatement(model, incremental) || model.materialized().equals("external")) {
      return materialization.build(session, model, sql, incremental);
    }
    Dialect dialect = session.dialect();
    Relation target = model.relation();
    Relation stage = target.named(target.identifier() + "__mds_stage");
    boolean view = model.materialized().equals("view");
    TableOptions options = view ? TableOptions.NONE : TableOptions.of(model);
    dropIfExists(session, stage);
    Optional<String> existing = session.relationType(target);
    boolean addsToExisting = incremental || model.isSnapshot()
        || MicrobatchConfig.is(model.config());
    if (addsToExisting && existing.filter(RelationTypes.TABLE::equals).isPresent()) {
      session.execute(dialect.createTableAs(stage, "select * from " + target, options));
      // The materialization looks the stage up to tell a first build from a later one (a
      // snapshot's history, an incremental's table): the run's relation catalog must know it.
      session.created(stage, RelationTypes.TABLE);
    }
    BuildResult built;
    session.auditing(target, stage);
    try {
      built = materialization.build(session, model.withRelation(stage), sql, incremental);
    } catch (SQLException | RuntimeException e) {
      try {
        dropIfExists(session, stage);
      } catch (SQLException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    } finally {
      session.auditing(null, null);
    }
    if (view) {
      if (existing.filter(RelationTypes.TABLE::equals).isPresent()) {
        session.execute(dialect.dropTable(target));
      }
      session.execute(dialect.createViewAs(target, sql));
      session.created(target, RelationTypes.VIEW);
    } else {
      if (existing.filter(RelationTypes.VIEW::equals).isPresent()) {
        session.execute(dialect.dropView(target));
      }
      session.execute(dialect.createTableAs(target, "select * from " + stage, options));
      session.created(target, RelationTypes.TABLE);
    }
    dropIfExists(session, stage);
    return built.rowsOf().isPresent() ? BuildResult.rowsOf(built.message(), target) : built;
  }

  /**
   * Whether the build is one statement that replaces or changes the relation atomically: a view,
   * a table without an enforced contract, the first build of an incremental model, or a
   * one-statement strategy whose columns did not change.
   */
  private static boolean oneStatement(Model model, boolean incremental) {
    if (Contract.of(model).isPresent() || model.isSnapshot()
        || MicrobatchConfig.is(model.config())) {
      return false;
    }
    return switch (model.materialized()) {
      case "view", "table" -> true;
      case "incremental" -> !incremental
          || ONE_STATEMENT.contains(IncrementalStrategy.of(model.config()))
          && model.config().string("on_schema_change").orElse("ignore").equals("ignore");
      default -> false;
    };
  }

  /**
   * After a failed build on an engine without temp tables: drops the staging tables it made
   * (real tables there), keeping {@code failure} as the error and any cleanup error suppressed
   * in it. With temp tables (DuckDB) the rollback or the session's end removes them.
   */
  static void dropStagingAfter(Exception failure, Session session, boolean tempTables,
      String... stagingTables) {
    if (tempTables) {
      return;
    }
    for (String staging : stagingTables) {
      try {
        session.execute(session.dialect().dropTableIfExists(staging));
      } catch (SQLException | RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
    }
  }

  private static void dropIfExists(Session session, Relation stage) throws SQLException {
    Optional<String> type = session.connection().relationType(stage);
    if (type.filter(RelationTypes.VIEW::equals).isPresent()) {
      session.execute(session.dialect().dropView(stage));
    } else if (type.isPresent()) {
      session.execute(session.dialect().dropTable(stage));
    }
  }
}
