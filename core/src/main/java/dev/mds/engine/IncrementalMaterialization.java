package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code materialized: incremental}: the first run (or {@code --full-refresh}) builds the table;
 * later runs stage the new rows in a temp table and apply them with the configured strategy
 * ({@code append}, {@code delete+insert} or {@code merge}) keyed on a possibly composite
 * {@code unique_key}, all in one transaction.
 */
final class IncrementalMaterialization implements Materialization {

  @Override
  public BuildResult build(Session session, Model model, String sql, boolean incremental)
      throws SQLException {
    Relation target = model.relation();
    if (!incremental) {
      // Refused on the first build too, as dbt-spark does: not only on the day after.
      requireStrategy(model, IncrementalStrategy.of(model.config()),
          session.capabilities(TableOptions.of(model)), session);
      return TableMaterialization.replaceTable(session, model, sql);
    }
    List<String> key = model.config().uniqueKey();
    // Checked at parse too; kept here for models built from a cached manifest.
    IncrementalStrategy.check(model.config(), model.file());
    String strategy = IncrementalStrategy.of(model.config());
    Dialect dialect = session.dialect();
    TableOptions options = TableOptions.of(model);
    Capabilities can = session.capabilities(options);
    requireStrategy(model, strategy, can, session);
    boolean temp = can.tempTables();
    String staging = dialect.stagingName(target, "__mds_new_" + model.name(), temp);
    try {
      return apply(session, model, sql, target, strategy, key, options, can, staging, temp);
    } catch (SQLException | RuntimeException e) {
      StagedBuild.dropStagingAfter(e, session, temp, staging);
      throw e;
    }
  }

  private static BuildResult apply(Session session, Model model, String sql, Relation target,
      String strategy, List<String> key, TableOptions options, Capabilities can, String staging,
      boolean temp) throws SQLException {
    Dialect dialect = session.dialect();
    return session.inTransaction(() -> {
      session.execute(dialect.createStagingTable(staging, sql, temp));
      List<String> columns = reconcileColumns(session, model, target, staging);
      long affected = switch (strategy) {
        case "merge" -> session.execute(dialect.merge(target, staging, key, columns));
        case "delete+insert" -> {
          session.execute(dialect.deleteMatching(target, staging, key));
          yield session.execute(dialect.insert(target, staging, columns));
        }
        case "insert_overwrite" -> can.insertOverwrite()
            ? session.execute(dialect.insertOverwrite(target, staging, columns, options))
            : overwriteByDeleting(session, target, staging, columns, options);
        default -> session.execute(dialect.insert(target, staging, columns));
      };
      session.execute(dialect.dropStagingTable(staging));
      return BuildResult.of(strategy.toUpperCase(Locale.ROOT), affected);
    });
  }

  /** Applies {@code on_schema_change} and returns the columns to write. */
  static List<String> reconcileColumns(Session session, Model model, Relation target,
      String staging) throws SQLException {
    Map<String, String> existing = session.columns(target.toString());
    Map<String, String> incoming = session.columns(staging);
    List<String> added = new ArrayList<>();
    incoming.keySet().forEach(c -> {
      if (!existing.containsKey(c)) {
        added.add(c);
      }
    });
    List<String> removed = new ArrayList<>();
    existing.keySet().forEach(c -> {
      if (!incoming.containsKey(c)) {
        removed.add(c);
      }
    });
    String policy = model.config().string("on_schema_change").orElse("ignore");
    switch (policy) {
      case "ignore" -> { }
      case "fail" -> {
        if (!added.isEmpty() || !removed.isEmpty()) {
          throw new MdsException(model.file() + ": the columns of " + target
              + " changed (added " + added + ", removed " + removed
              + ") and on_schema_change is 'fail'; run with --full-refresh to rebuild it");
        }
      }
      case "append_new_columns", "sync_all_columns" -> {
        for (String column : added) {
          session.execute(session.dialect().addColumn(target, column, incoming.get(column)));
        }
        if (policy.equals("sync_all_columns")) {
          for (String column : removed) {
            session.execute(session.dialect().dropColumn(target, column));
          }
        }
        added.clear();
      }
      default -> throw new MdsException(model.file() + ": on_schema_change '" + policy
          + "' is not supported (use ignore, fail, append_new_columns or sync_all_columns)");
    }
    List<String> columns = new ArrayList<>();
    for (String column : session.columns(target.toString()).keySet()) {
      if (incoming.containsKey(column)) {
        columns.add(column);
      }
    }
    return columns;
  }

  /**
   * {@code insert_overwrite} where the engine has none (DuckDB), inside the model's transaction:
   * the partitions ({@code partition_by}) the new rows fall in are deleted, then the rows
   * inserted; without {@code partition_by} the whole table is replaced, as Spark's static
   * overwrite does.
   */
  private static long overwriteByDeleting(Session session, Relation target, String staging,
      List<String> columns, TableOptions options) throws SQLException {
    Dialect dialect = session.dialect();
    if (options.partitionBy().isEmpty()) {
      session.execute("delete from " + target);
    } else {
      session.execute("delete from " + target + " as t where exists (select 1 from " + staging
          + " as s where " + dialect.keyMatch(options.partitionBy()) + ")");
    }
    return session.execute(dialect.insert(target, staging, columns));
  }

  /**
   * Refuses a strategy the engine (for the model's file format) cannot apply, naming the model,
   * before anything is written.
   */
  private static void requireStrategy(Model model, String strategy, Capabilities can,
      Session session) {
    String type = session.dialect().type();
    boolean ok = switch (strategy) {
      case "merge" -> can.merge();
      case "delete+insert" -> can.deleteUsing();
      case "insert_overwrite" -> can.insertOverwrite() || can.transactions();
      default -> true;
    };
    if (!ok) {
      String format = TableOptions.of(model).fileFormat().map(f -> " with file_format '" + f + "'")
          .orElse("");
      throw new MdsException(model.file() + ": incremental_strategy '" + strategy + "' cannot be"
          + " applied on " + type + format + "; use a table format that supports it (delta,"
          + " iceberg) or another strategy (append, insert_overwrite)");
    }
  }
}
