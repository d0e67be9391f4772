package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Model;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

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
      return TableMaterialization.replaceTable(session, model, sql);
    }
    List<String> key = model.config().uniqueKey();
    // Checked at parse too; kept here for models built from a cached manifest.
    IncrementalStrategy.check(model.config(), model.file());
    String strategy = IncrementalStrategy.of(model.config());
    String staging = Relation.quote("__mds_new_" + model.name());
    return session.inTransaction(() -> {
      session.execute("create or replace temp table " + staging + " as\n" + sql);
      List<String> columns = reconcileColumns(session, model, target, staging);
      long affected = switch (strategy) {
        case "merge" -> merge(session, target, staging, key, columns);
        case "delete+insert" -> {
          session.execute("delete from " + target + " as t using " + staging + " as s where "
              + keyMatch(key));
          yield insert(session, target, staging, columns);
        }
        default -> insert(session, target, staging, columns);
      };
      session.execute("drop table " + staging);
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
          session.execute("alter table " + target + " add column " + Relation.quote(column) + " "
              + incoming.get(column));
        }
        if (policy.equals("sync_all_columns")) {
          for (String column : removed) {
            session.execute("alter table " + target + " drop column " + Relation.quote(column));
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

  private static long insert(Session session, Relation target, String staging,
      List<String> columns) throws SQLException {
    String list = columnList(columns, "");
    return session.execute("insert into " + target + " (" + list + ") select " + list + " from "
        + staging);
  }

  private static long merge(Session session, Relation target, String staging, List<String> key,
      List<String> columns) throws SQLException {
    StringJoiner updates = new StringJoiner(", ");
    for (String column : columns) {
      if (!key.contains(column)) {
        updates.add(Relation.quote(column) + " = s." + Relation.quote(column));
      }
    }
    String whenMatched = updates.length() == 0 ? ""
        : " when matched then update set " + updates;
    return session.execute("merge into " + target + " as t using " + staging + " as s on ("
        + keyMatch(key) + ")" + whenMatched + " when not matched then insert ("
        + columnList(columns, "") + ") values (" + columnList(columns, "s.") + ")");
  }

  private static String keyMatch(List<String> key) {
    StringJoiner match = new StringJoiner(" and ");
    for (String column : key) {
      String q = Relation.quote(column);
      match.add("t." + q + " is not distinct from s." + q);
    }
    return match.toString();
  }

  private static String columnList(List<String> columns, String prefix) {
    StringJoiner list = new StringJoiner(", ");
    for (String column : columns) {
      list.add(prefix + Relation.quote(column));
    }
    return list.toString();
  }
}
