package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Relation;
import dev.mds.project.Target;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One engine instance for a target, opened once per invocation ({@link Engines#open}); worker
 * threads each {@link #connect} to it. Everything the runner needs from an engine goes through
 * this, an {@link EngineConnection}, the engine's {@link Dialect} and its {@link Capabilities}.
 * DuckDB is {@link DuckDbWarehouse}; other engines are modules of their own.
 */
public interface Warehouse extends AutoCloseable {

  Target target();

  /** A new connection to the same engine, for one worker thread. */
  EngineConnection connect();

  /** The engine's SQL. */
  Dialect dialect();

  /**
   * Whether a run counts each built table's rows for its {@code SELECT n} line and
   * {@code run_results.json} (a {@code count(*)} after the build): DuckDB answers in a
   * millisecond; on Spark each count is a job of its own competing with the next node for the
   * cores, and dbt-spark reports no row counts either.
   */
  default boolean countsBuiltRows() {
    return true;
  }

  /**
   * Whether a run reads the whole catalog once ({@link #relationTypes}) for its relation
   * look-ups, as DuckDB does in one query; otherwise the run's {@link RelationCatalog} looks up
   * each relation it is asked about once ({@link #relationType}) and keeps the answer.
   */
  default boolean listsRelations() {
    return true;
  }

  /** What the engine can do, for tables of its default format. */
  Capabilities capabilities();

  /**
   * What the engine can do for a table with {@code options} (Spark: Delta merges, Parquet does
   * not); the engine-wide capabilities by default.
   */
  default Capabilities capabilities(TableOptions options) {
    return capabilities();
  }

  /** The engine's version, as {@code mds debug} prints it. */
  String version();

  /**
   * How this warehouse was reached, for {@code mds debug} (Spark: method, master or Connect
   * address without its token, warehouse folder); empty for DuckDB, whose lines say it already.
   */
  default Map<String, String> details() {
    return Map.of();
  }

  default boolean exists(Relation relation) {
    return relationType(relation).isPresent();
  }

  /** {@link RelationTypes#TABLE}, {@link RelationTypes#VIEW}, or empty when it does not exist. */
  Optional<String> relationType(Relation relation);

  /**
   * Every relation of the target's database (DuckDB: and of the profile's {@code attach:}
   * databases; not production attached for {@code --defer}, nor temp tables) and its type, as
   * {@link #relationType} would report it, read in one query. Relations are made through
   * {@link Target#relation} so that they compare equal to the models'.
   */
  Map<Relation, String> relationTypes();

  /**
   * Describes every relation of {@code wanted} that exists (missing ones are left out), for
   * {@code catalog.json}: type, columns in order, and for tables the exact row count. By default
   * one lookup, one describe and one count per relation; an engine with a catalog to read in bulk
   * overrides it (DuckDB reads it in a handful of queries).
   */
  default Map<Relation, CatalogRelation> catalog(Collection<Relation> wanted) {
    Map<Relation, CatalogRelation> catalog = new java.util.LinkedHashMap<>();
    try (EngineConnection connection = connect()) {
      for (Relation relation : wanted) {
        Optional<String> type = connection.relationType(relation);
        if (type.isEmpty()) {
          continue;
        }
        java.util.List<CatalogColumn> columns = new java.util.ArrayList<>();
        for (Map.Entry<String, String> column : connection.columns(relation.toString())
            .entrySet()) {
          columns.add(new CatalogColumn(column.getKey(), column.getValue(), columns.size() + 1,
              Optional.empty()));
        }
        java.util.OptionalLong rows = java.util.OptionalLong.empty();
        if (type.get().equals(RelationTypes.TABLE)) {
          rows = java.util.OptionalLong.of(connection.query(dialect().rowCount(
              relation.toString()), r -> r.next() ? r.getLong(1) : 0L));
        }
        String database = relation.database() != null ? relation.database()
            : target().database();
        catalog.put(relation, new CatalogRelation(relation, database, type.get(), columns, rows,
            Optional.empty()));
      }
    } catch (java.sql.SQLException e) {
      throw new MdsException("Cannot read the catalog of the " + target().type() + " target: "
          + DuckDbError.summary(e.getMessage()), e);
    }
    return catalog;
  }

  /**
   * Attaches another DuckDB file read-only under {@code alias} (production, for {@code --defer}):
   * only engines with {@link Capabilities#attach}.
   */
  default void attachReadOnly(Path database, String alias) {
    throw new MdsException("--defer with a production database file works on DuckDB only; the "
        + target().type() + " target reads production from its own catalog");
  }

  /**
   * Creates the schemas of {@code relations} (each in its relation's catalog) that do not exist,
   * serially before workers start (concurrent DDL on them conflicts).
   */
  void createSchemas(Collection<Relation> relations);

  /**
   * Drops what a killed run left of its staging next to {@code relations} (the relations this run
   * writes), before any is built: on an engine without temp tables, a build's staging tables
   * are real tables named after the target and {@code __mds_} ({@link Dialect#stagingName}),
   * which a failing build drops itself but a kill leaves behind. Nothing to do on DuckDB, whose
   * staging tables are temp tables.
   */
  default void removeLeftovers(Collection<Relation> relations) {
  }

  @Override
  void close();
}
