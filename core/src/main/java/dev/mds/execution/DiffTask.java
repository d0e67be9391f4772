package dev.mds.execution;

import dev.mds.engine.DuckDbError;
import dev.mds.MdsException;
import dev.mds.compile.Deferral;
import dev.mds.compile.ParseResult;
import dev.mds.engine.Warehouse;
import dev.mds.graph.DataTest;
import dev.mds.graph.Model;
import dev.mds.graph.Node;
import dev.mds.graph.QualifiedRelation;
import dev.mds.graph.Relation;
import dev.mds.graph.Seed;
import dev.mds.graph.Selector;
import dev.mds.project.YamlValues;
import java.nio.file.Path;
import dev.mds.engine.EngineConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code mds diff}: compares each selected relation as built here with production's, row by row on
 * its unique key (composite keys too): rows added, removed and changed, and how many values of each
 * column changed, with example keys.
 */
public final class DiffTask {

  static final int EXAMPLES = 5;

  private DiffTask() {
  }

  /** The comparison of one relation. */
  public record RelationDiff(String name, Relation relation, List<String> key, long added,
      long removed, long changed, Map<String, Long> changedByColumn, List<String> addedColumns,
      List<String> removedColumns, Map<String, List<String>> examples, Optional<String> problem) {
  }

  public static List<RelationDiff> run(ParseResult parsed, Selector selector, Path production,
      double lockTimeoutSeconds) {
    List<Node> nodes = new ArrayList<>();
    for (String id : selector.select(parsed.manifest()).uniqueIds()) {
      Node node = parsed.manifest().nodes().get(id);
      if (node instanceof Seed || node instanceof Model m && !m.isEphemeral()) {
        nodes.add(node);
      }
    }
    if (nodes.isEmpty()) {
      throw new MdsException("mds diff compares built models and seeds; the selection has none");
    }
    List<RelationDiff> diffs = new ArrayList<>();
    try (Warehouse warehouse = dev.mds.engine.Engines.open(parsed.project().target(),
        dev.mds.engine.EngineOptions.forBuilding(lockTimeoutSeconds))) {
      // DuckDB attaches production's file; an engine that cannot (Spark) reads where
      // production's manifest put each relation, as dbt does.
      Map<String, Relation> manifestRelations = Deferral.fromManifest(production,
          warehouse.capabilities().attach()) ? dev.mds.compile.ProductionRelations.read(
              production, parsed.manifest(), parsed.project().target().database()) : null;
      if (manifestRelations == null) {
        warehouse.attachReadOnly(production, Deferral.CATALOG);
      }
      String text = warehouse.dialect().columnType("VARCHAR");
      try (EngineConnection connection = warehouse.connect()) {
        for (Node node : nodes) {
          Object prod = manifestRelations == null
              ? new QualifiedRelation(Deferral.CATALOG, node.relation())
              : manifestRelations.get(node.uniqueId());
          diffs.add(prod == null ? problem(node, key(parsed, node),
              "not in production (a new relation)")
              : diff(connection, node, key(parsed, node), prod, text));
        }
      }
    } catch (SQLException e) {
      throw new MdsException("Cannot compare with production: " + DuckDbError.summary(
          e.getMessage()), e);
    }
    return diffs;
  }

  /** unique_key, else grain, else the columns of a unique test on the node. */
  static List<String> key(ParseResult parsed, Node node) {
    List<String> key = node.config().uniqueKey();
    if (!key.isEmpty()) {
      return key;
    }
    key = YamlValues.strings(node.config().values().get("grain"));
    if (!key.isEmpty()) {
      return key;
    }
    for (DataTest test : parsed.manifest().nodesOf(DataTest.class)) {
      if (!test.attachedTo().equals(Optional.of(node.uniqueId()))) {
        continue;
      }
      Map<String, Object> args = test.arguments();
      if (test.testName().equals("unique") && args.get("columns") != null) {
        return YamlValues.strings(args.get("columns"));
      }
      if (test.testName().equals("unique_combination_of_columns")) {
        return YamlValues.strings(args.get("combination_of_columns"));
      }
      if (test.testName().equals("unique") && args.get("column_name") instanceof String c
          && c.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        key = List.of(c);
      }
    }
    return key;
  }

  private static RelationDiff diff(EngineConnection connection, Node node, List<String> key,
      Object prod, String text) throws SQLException {
    Relation ci = node.relation();
    List<String> ciColumns = columns(connection, ci.toString(), false);
    if (ciColumns.isEmpty()) {
      return problem(node, key, "not built here; build it before diffing");
    }
    List<String> prodColumns;
    try {
      prodColumns = columns(connection, prod.toString(), true);
    } catch (SQLException e) {
      return problem(node, key, "not in production (a new relation)");
    }
    if (key.isEmpty()) {
      return problem(node, key, "no unique key: set unique_key or grain, or add a unique test");
    }
    for (String k : key) {
      if (!ciColumns.contains(k) || !prodColumns.contains(k)) {
        return problem(node, key, "key column '" + k + "' is missing on one side");
      }
    }
    List<String> shared = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String c : ciColumns) {
      if (prodColumns.contains(c)) {
        if (!key.contains(c)) {
          shared.add(c);
        }
      } else {
        added.add(c);
      }
    }
    List<String> removed = prodColumns.stream().filter(c -> !ciColumns.contains(c)).toList();
    String joined = joined(ci, prod, key, shared, text);
    String anyChange = shared.isEmpty() ? "false" : String.join(" or ", shared.stream()
        .map(c -> flag(ci, c)).toList());
    String both = "__in_ci is not null and __in_prod is not null";
    StringJoiner counts = new StringJoiner(", ");
    counts.add("count(*) filter (where __in_prod is null)");
    counts.add("count(*) filter (where __in_ci is null)");
    counts.add("count(*) filter (where " + both + " and (" + anyChange + "))");
    for (String c : shared) {
      counts.add("count(*) filter (where " + both + " and " + flag(ci, c) + ")");
    }
    long addedRows;
    long removedRows;
    long changedRows;
    Map<String, Long> byColumn = new LinkedHashMap<>();
    long[] found = connection.query(joined + " select " + counts + " from joined", rs -> {
      rs.next();
      long[] values = new long[3 + shared.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
    });
    addedRows = found[0];
    removedRows = found[1];
    changedRows = found[2];
    for (int i = 0; i < shared.size(); i++) {
      long n = found[3 + i];
      if (n > 0) {
        byColumn.put(shared.get(i), n);
      }
    }
    Map<String, List<String>> examples = new LinkedHashMap<>();
    examples.put("added", examples(connection, joined, key.size(), "__in_prod is null"));
    examples.put("removed", examples(connection, joined, key.size(), "__in_ci is null"));
    examples.put("changed", examples(connection, joined, key.size(),
        both + " and (" + anyChange + ")"));
    return new RelationDiff(node.name(), ci, key, addedRows, removedRows, changedRows, byColumn,
        added, removed, examples, Optional.empty());
  }

  private static String flag(Relation ci, String column) {
    return ci.quoted("__changed_" + column);
  }

  /**
   * A CTE pairing the rows of both sides on the key: the key ({@code __k0}...), which sides have
   * the row, and for each shared column whether its value differs.
   */
  private static String joined(Relation ci, Object prod, List<String> key,
      List<String> shared, String text) {
    StringJoiner on = new StringJoiner(" and ");
    StringJoiner select = new StringJoiner(", ");
    for (int i = 0; i < key.size(); i++) {
      String q = ci.quoted(key.get(i));
      on.add("ci." + q + " is not distinct from prod." + q);
      select.add("coalesce(cast(ci." + q + " as " + text + "), cast(prod." + q
          + " as " + text + ")) as __k" + i);
    }
    select.add("ci.__in_ci");
    select.add("prod.__in_prod");
    for (String c : shared) {
      String q = ci.quoted(c);
      select.add("(ci." + q + " is distinct from prod." + q + ") as " + flag(ci, c));
    }
    return "with joined as (select " + select + " from (select *, 1 as __in_ci from " + ci
        + ") as ci full outer join (select *, 1 as __in_prod from " + prod + ") as prod on "
        + on + ")";
  }

  /** Up to {@link #EXAMPLES} keys (as "a, b" text) of the rows matching {@code where}. */
  private static List<String> examples(EngineConnection connection, String joined,
      int keyColumns,
      String where) throws SQLException {
    StringJoiner key = new StringJoiner(" || ', ' || ");
    StringJoiner order = new StringJoiner(", ");
    for (int i = 0; i < keyColumns; i++) {
      key.add("coalesce(__k" + i + ", 'NULL')");
      order.add("__k" + i);
    }
    return connection.query(joined + " select " + key + " from joined where " + where
        + " order by " + order + " limit " + EXAMPLES, rs -> {
          List<String> examples = new ArrayList<>();
          while (rs.next()) {
            examples.add(rs.getString(1));
          }
          return examples;
        });
  }

  private static List<String> columns(EngineConnection connection, String relation,
      boolean production) throws SQLException {
    List<String> columns;
    try {
      columns = new ArrayList<>(connection.columns(relation).keySet());
    } catch (SQLException e) {
      if (production) {
        throw e;
      }
      return List.of();
    }
    return columns;
  }

  private static RelationDiff problem(Node node, List<String> key, String problem) {
    return new RelationDiff(node.name(), node.relation(), key, 0, 0, 0, Map.of(), List.of(),
        List.of(), Map.of(), Optional.of(problem));
  }
}
