package dev.mds.spark;

import dev.mds.engine.EngineConnection;
import dev.mds.engine.RelationTypes;
import dev.mds.engine.RowReader;
import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * One worker's connection: statements go through {@link SparkSession#sql}, the same path for an
 * in-process session and Spark Connect. Each statement carries this connection's tag, so
 * {@link #cancel} stops only this worker's jobs.
 */
final class SparkConnection implements EngineConnection {

  private final SparkSession spark;
  private final String tag = "mds-" + UUID.randomUUID();

  SparkConnection(SparkSession spark) {
    this.spark = spark;
  }

  @Override
  public long execute(String sql) throws SQLException {
    String[] statements = sql.split(java.util.regex.Pattern.quote(SparkDialect.NEXT_STATEMENT));
    long result = -1;
    for (String statement : statements) {
      result = executeOne(statement);
    }
    return result;
  }

  private long executeOne(String sql) throws SQLException {
    long start = System.nanoTime();
    try {
      spark.addTag(tag);
      // Commands (DDL, insert, merge) run when sql() returns; a query would run on collect, so
      // only its first row is fetched (a statement's result is at most a count).
      Dataset<Row> result = spark.sql(sql);
      List<Row> first = result.limit(1).collectAsList();
      if (!first.isEmpty() && first.get(0).size() >= 1
          && first.get(0).get(0) instanceof Number n) {
        return n.longValue();
      }
      return -1;
    } catch (Exception e) {
      throw SparkError.of(e, sql);
    } finally {
      spark.removeTag(tag);
      trace("execute", sql, start);
    }
  }

  /** With {@code MDS_TIMINGS=1}: each call into Spark, its time and its statement's start. */
  static void trace(String call, String what, long startNanos) {
    if (dev.mds.Timings.on()) {
      dev.mds.Timings.note(String.format(java.util.Locale.ROOT, "spark %-8s %7.1f ms %s [%s]",
          call, (System.nanoTime() - startNanos) / 1e6,
          what.strip().replaceAll("\\s+", " ").substring(0, Math.min(100,
              what.strip().replaceAll("\\s+", " ").length())), Thread.currentThread().getName()));
    }
  }

  @Override
  public <T> T query(String sql, RowReader<T> reader) throws SQLException {
    SparkRows rows;
    long start = System.nanoTime();
    try {
      spark.addTag(tag);
      Dataset<Row> result = spark.sql(sql);
      rows = new SparkRows(result.schema(), result.collectAsList());
    } catch (Exception e) {
      throw SparkError.of(e, sql);
    } finally {
      spark.removeTag(tag);
      trace("query", sql, start);
    }
    return reader.read(rows);
  }

  @Override
  public Optional<String> relationType(Relation relation) throws SQLException {
    return type(spark, relation.schema(), relation.identifier());
  }

  /** What Spark's catalog answers for a missing table or schema. */
  private static final java.util.Set<String> NOT_FOUND = java.util.Set.of(
      "TABLE_OR_VIEW_NOT_FOUND", "SCHEMA_NOT_FOUND");

  /**
   * A relation's type from the catalog; temp views are not relations. One {@code getTable},
   * whose not-found error means missing: asking {@code databaseExists} and {@code tableExists}
   * first, as this did, took twice the CPU per look-up (two look-ups, one there and one not:
   * 18–23 ms against 9–11 ms of the calling thread, warm, in-process). Only an error Spark
   * does not mark as not-found is checked the long way before it is reported.
   */
  static Optional<String> type(SparkSession spark, String schema, String name)
      throws SQLException {
    long start = System.nanoTime();
    try {
      org.apache.spark.sql.catalog.Table table;
      try {
        table = spark.catalog().getTable(schema, name);
      } catch (Exception e) {
        if (e instanceof org.apache.spark.SparkThrowable thrown
            && NOT_FOUND.contains(thrown.getCondition())
            || !spark.catalog().databaseExists(schema)
            || !spark.catalog().tableExists(schema, name)) {
          return Optional.empty();
        }
        throw e;
      }
      if (table.isTemporary()) {
        return Optional.empty();
      }
      return Optional.of(kind(table.tableType()));
    } catch (Exception e) {
      throw SparkError.of(e);
    } finally {
      trace("lookup", schema + "." + name, start);
    }
  }

  /** Spark's table types (MANAGED, EXTERNAL, VIEW, ...) as the runner's. */
  static String kind(String tableType) {
    return tableType != null && tableType.equalsIgnoreCase("VIEW") ? RelationTypes.VIEW
        : RelationTypes.TABLE;
  }

  @Override
  public Map<String, String> columns(String relationSql) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    long start = System.nanoTime();
    try {
      // A query's columns come from its analysed plan: nothing runs.
      boolean query = relationSql.stripLeading().regionMatches(true, 0, "select", 0, 6)
          || relationSql.stripLeading().regionMatches(true, 0, "with", 0, 4)
          || relationSql.stripLeading().startsWith("(");
      for (StructField field : (query ? spark.sql(relationSql) : spark.table(relationSql))
          .schema().fields()) {
        columns.put(field.name(), field.dataType().sql());
      }
    } catch (Exception e) {
      throw SparkError.of(e);
    } finally {
      trace("columns", relationSql, start);
    }
    return columns;
  }

  @Override
  public void cancel() {
    try {
      spark.interruptTag(tag);
    } catch (Exception ignored) {
      // Nothing of this connection's is running any more.
    }
  }

  @Override
  public void close() {
    // The session belongs to the warehouse: workers come and go, Spark stays.
  }
}
