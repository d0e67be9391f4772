package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads DuckDB's catalog for the relations a project declares: one query for relations, one
 * for columns, and exact row counts for tables in a few batched queries, so a 5,000-model project
 * costs a handful of round trips rather than one per relation. ({@link Warehouse#catalog} is the
 * engine-neutral entry; this is DuckDB's.)
 */
public final class CatalogReader {

  /** Tables counted per query: large enough to amortise the round trip, small enough to plan fast. */
  private static final int COUNT_BATCH = 200;

  private CatalogReader() {
  }

  /** Describes every relation of {@code wanted} that exists; missing ones are left out. */
  public static Map<Relation, CatalogRelation> read(EngineConnection connection,
      Collection<Relation> wanted) {
    try {
      String own = currentDatabase(connection);
      Map<String, Found> found = relations(connection);
      Map<String, List<CatalogColumn>> columns = columns(connection);
      Map<Relation, Found> matched = new LinkedHashMap<>();
      for (Relation relation : wanted) {
        String database = relation.writtenDatabase() != null ? relation.writtenDatabase() : own;
        Found hit = found.get(key(database, relation.schema(), relation.identifier()));
        if (hit != null) {
          matched.put(relation, hit);
        }
      }
      Map<Found, Long> counts = rowCounts(connection, matched.values().stream()
          .filter(f -> f.type().equals("BASE TABLE")).distinct().toList());
      Map<Relation, CatalogRelation> catalog = new LinkedHashMap<>();
      matched.forEach((relation, hit) -> {
        Long rows = counts.get(hit);
        catalog.put(relation, new CatalogRelation(relation, hit.database(), hit.type(),
            columns.getOrDefault(key(hit.database(), hit.schema(), hit.name()), List.of()),
            rows == null ? OptionalLong.empty() : OptionalLong.of(rows),
            Optional.ofNullable(hit.comment())));
      });
      return catalog;
    } catch (SQLException e) {
      throw new MdsException("Cannot read the warehouse catalog: "
          + DuckDbError.summary(e.getMessage()), e);
    }
  }

  /** A relation as stored, with DuckDB's spelling of its names. */
  private record Found(String database, String schema, String name, String type, String comment) {
  }

  // DuckDB resolves identifiers case-insensitively, so a model named Orders finds "orders".
  private static String key(String database, String schema, String name) {
    return database.toLowerCase(Locale.ROOT) + '\u0000' + schema.toLowerCase(Locale.ROOT)
        + '\u0000' + name.toLowerCase(Locale.ROOT);
  }

  private static String currentDatabase(EngineConnection connection) throws SQLException {
    return connection.query("select current_database()", rs -> {
      rs.next();
      return rs.getString(1);
    });
  }

  /**
   * The catalogs a project's relations can be in: the target's file and the profile's attached
   * ones, not DuckDB's own nor temp tables.
   */
  private static final String CATALOGS = " database_name not in ('system', 'temp')";

  private static Map<String, Found> relations(EngineConnection connection)
      throws SQLException {
    String sql = "select database_name, schema_name, table_name, 'BASE TABLE', comment"
        + " from duckdb_tables() where" + CATALOGS + " and not temporary"
        + " union all select database_name, schema_name, view_name, 'VIEW', comment"
        + " from duckdb_views() where" + CATALOGS + " and not internal and not temporary";
    Map<String, Found> found = new HashMap<>();
    connection.query(sql, rs -> {
      while (rs.next()) {
        Found f = new Found(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5));
        found.putIfAbsent(key(f.database(), f.schema(), f.name()), f);
      }
      return null;
    });
    return found;
  }

  private static Map<String, List<CatalogColumn>> columns(EngineConnection connection)
      throws SQLException {
    String sql = "select database_name, schema_name, table_name, column_name, data_type,"
        + " column_index, comment from duckdb_columns() where" + CATALOGS + " and not internal"
        + " order by database_name, schema_name, table_name, column_index";
    Map<String, List<CatalogColumn>> columns = new HashMap<>();
    connection.query(sql, rs -> {
      while (rs.next()) {
        columns.computeIfAbsent(key(rs.getString(1), rs.getString(2), rs.getString(3)),
            k -> new ArrayList<>()).add(new CatalogColumn(rs.getString(4), rs.getString(5),
                (int) rs.getLong(6), Optional.ofNullable(rs.getString(7))));
      }
      return null;
    });
    return columns;
  }

  private static Map<Found, Long> rowCounts(EngineConnection connection, List<Found> tables)
      throws SQLException {
    Map<Found, Long> counts = new HashMap<>();
    for (int start = 0; start < tables.size(); start += COUNT_BATCH) {
      List<Found> batch = tables.subList(start, Math.min(tables.size(), start + COUNT_BATCH));
      StringBuilder sql = new StringBuilder();
      for (int i = 0; i < batch.size(); i++) {
        Found table = batch.get(i);
        sql.append(i == 0 ? "" : " union all ").append("select ").append(i)
            .append(", count(*) from ").append(Relation.quote(table.database())).append('.')
            .append(Relation.quote(table.schema())).append('.')
            .append(Relation.quote(table.name()));
      }
      connection.query(sql.toString(), rs -> {
        while (rs.next()) {
          counts.put(batch.get((int) rs.getLong(1)), rs.getLong(2));
        }
        return null;
      });
    }
    return counts;
  }
}
