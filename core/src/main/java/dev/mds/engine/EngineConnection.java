package dev.mds.engine;

import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One worker's connection to an engine, as the runner needs it: run a statement, read a query's
 * rows, look up a relation, describe columns, cancel. Not {@code java.sql.Connection}: an engine
 * without JDBC (Spark in-process, Spark Connect) implements this directly. Errors are
 * {@link SQLException}s whose message is the engine's own one-line message, so callers report
 * every engine's failures the same way. Used by one thread at a time, except {@link #cancel}.
 */
public interface EngineConnection extends AutoCloseable {

  /** Runs one statement; returns its update count, or -1 when the engine reports none. */
  long execute(String sql) throws SQLException;

  /**
   * Runs a query and hands its rows to {@code reader}; the rows are closed when it returns. A
   * statement that returns no rows (DDL from a template's {@code run_query}) hands it
   * {@link Rows#NONE}.
   */
  <T> T query(String sql, RowReader<T> reader) throws SQLException;

  /**
   * {@link RelationTypes#TABLE}, {@link RelationTypes#VIEW}, or empty when the relation does not
   * exist; temp tables are not relations.
   */
  Optional<String> relationType(Relation relation) throws SQLException;

  /**
   * Column name to the engine's type name, in table order, of a relation or a staging/temp table
   * named by {@code relationSql} (as SQL writes it).
   */
  Map<String, String> columns(String relationSql) throws SQLException;

  /** Asks the engine to stop the statement running now, if any (Ctrl-C); any thread may call. */
  void cancel();

  @Override
  void close() throws SQLException;
}
