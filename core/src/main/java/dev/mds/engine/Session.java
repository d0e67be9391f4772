package dev.mds.engine;

import dev.mds.graph.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One worker's connection. Each statement gets a fresh JDBC {@link Statement} (DuckDB closes one
 * that throws), and every statement run is remembered so it can be written to {@code target/run/}.
 * With a {@link RelationCatalog}, relation lookups are answered from it, and the relations this
 * session creates are reported to it when their transaction commits.
 */
public final class Session implements AutoCloseable {

  private final Connection connection;
  private final RelationCatalog catalog;
  private final List<String> log = new ArrayList<>();
  private final Map<Relation, String> createdInTransaction = new LinkedHashMap<>();
  private volatile Statement running;
  private SqlWork<Void> beforeCommit;
  private java.util.function.UnaryOperator<String> comment;
  private boolean inTransaction;
  private long workNanos;
  private int workStatements;
  private long ownNanos;
  private int ownQueries;

  /** A session that looks every relation up in DuckDB. */
  public Session(Connection connection) {
    this(connection, null);
  }

  /** @param catalog answers relation lookups; null to ask DuckDB each time */
  public Session(Connection connection, RelationCatalog catalog) {
    this.connection = connection;
    this.catalog = catalog;
  }

  /**
   * Adds {@code comment} (the project's rendered {@code query-comment}) to every statement run
   * from now on, except transaction control; {@code null} stops.
   */
  public void queryComment(java.util.function.UnaryOperator<String> comment) {
    this.comment = comment;
  }

  /** Runs one statement; returns its update count (or -1). */
  public long execute(String sql) throws SQLException {
    return run(comment == null ? sql : comment.apply(sql));
  }

  private long run(String sql) throws SQLException {
    log.add(sql);
    long start = System.nanoTime();
    try (Statement st = connection.createStatement()) {
      running = st;
      try {
        boolean hasResult = st.execute(sql);
        if (hasResult) {
          try (ResultSet rs = st.getResultSet()) {
            if (rs.next() && rs.getMetaData().getColumnCount() == 1) {
              Object value = rs.getObject(1);
              return value instanceof Number n ? n.longValue() : -1;
            }
          }
          return -1;
        }
        return st.getUpdateCount();
      } finally {
        running = null;
      }
    } finally {
      work(start);
    }
  }

  /**
   * Runs a query that is part of the work (a data test's), remembered like {@link #execute}'s
   * statements and cancellable like them, and hands its rows to {@code rows}.
   */
  public <T> T query(String statement, SqlRows<T> rows) throws SQLException {
    String sql = comment == null ? statement : comment.apply(statement);
    log.add(sql);
    long start = System.nanoTime();
    try (Statement st = connection.createStatement()) {
      running = st;
      try (ResultSet rs = st.executeQuery(sql)) {
        return rows.read(rs);
      } finally {
        running = null;
      }
    } finally {
      work(start);
    }
  }

  private void work(long start) {
    workNanos += System.nanoTime() - start;
    workStatements++;
  }

  private void own(long start) {
    ownNanos += System.nanoTime() - start;
    ownQueries++;
  }

  /** Runs a query returning one number. */
  public long queryLong(String sql) throws SQLException {
    long start = System.nanoTime();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } finally {
      own(start);
    }
  }

  /**
   * Runs SQL that mds did not write (a hook). It may create or drop anything, so the relation
   * catalog stops answering first.
   */
  public long executeForeign(String sql) throws SQLException {
    if (catalog != null) {
      catalog.stop();
    }
    return execute(sql);
  }

  /**
   * Notes that the statement just run made {@code relation} a {@code type} ({@code BASE TABLE} or
   * {@code VIEW}): the catalog learns it when the transaction commits (at once outside one).
   */
  public void created(Relation relation, String type) {
    if (catalog == null) {
      return;
    }
    if (inTransaction) {
      createdInTransaction.put(relation, type);
    } else {
      catalog.created(relation, type);
    }
  }

  /** {@code BASE TABLE}, {@code VIEW}, or empty when the relation does not exist. */
  public Optional<String> relationType(Relation relation) throws SQLException {
    return catalog == null ? lookUp(relation) : catalog.type(relation, this::lookUp);
  }

  private Optional<String> lookUp(Relation relation) throws SQLException {
    long start = System.nanoTime();
    try (PreparedStatement st = connection.prepareStatement(DuckDbWarehouse.RELATION_TYPE)) {
      DuckDbWarehouse.RelationType.bind(st, relation);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } finally {
      own(start);
    }
  }

  /** Column name to type, in table order, for any relation or temp table DuckDB can describe. */
  public Map<String, String> columns(String relationSql) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    long start = System.nanoTime();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("describe " + relationSql)) {
      while (rs.next()) {
        columns.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    } finally {
      own(start);
    }
    return columns;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws,
   * so a failed rebuild leaves the previous relation as it was.
   */
  public <T> T inTransaction(SqlWork<T> work) throws SQLException {
    run("begin transaction");
    inTransaction = true;
    createdInTransaction.clear();
    try {
      T result;
      try {
        result = work.run();
        if (beforeCommit != null) {
          beforeCommit.run();
        }
      } catch (SQLException | RuntimeException e) {
        try {
          run("rollback");
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
      run("commit");
      if (catalog != null) {
        createdInTransaction.forEach(catalog::created);
      }
      return result;
    } finally {
      inTransaction = false;
      createdInTransaction.clear();
    }
  }

  /**
   * Work to run inside each transaction just before it commits (write-audit-publish: the new
   * version is tested where only this session sees it); throwing rolls the transaction back.
   * {@code null} clears it.
   */
  public void beforeCommit(SqlWork<Void> check) {
    this.beforeCommit = check;
  }

  private volatile boolean cancelled;

  /** Whether {@link #cancel} was called: work in several steps (microbatches) stops starting more. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Asks DuckDB to stop the statement that is running now, if any (for Ctrl-C). */
  public void cancel() {
    cancelled = true;
    Statement st = running;
    if (st != null) {
      try {
        st.cancel();
      } catch (SQLException ignored) {
        // The statement finished between the check and the cancel: nothing left to stop.
      }
    }
  }

  /**
   * Where this session's time in DuckDB went (for {@code MDS_TIMINGS}): the statements that are
   * the work (written to {@code target/run/}) and mds's own queries (row counts, lookups).
   */
  public String timeInDuckDb() {
    return String.format(java.util.Locale.ROOT, "work %d ms (%d statements), own queries %d ms (%d)",
        workNanos / 1_000_000, workStatements, ownNanos / 1_000_000, ownQueries);
  }

  /** The statements run so far, in order. */
  public List<String> statements() {
    return List.copyOf(log);
  }

  public void clearStatements() {
    log.clear();
  }

  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /** Reads a query's rows. */
  @FunctionalInterface
  public interface SqlRows<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** SQL work that may fail with an {@link SQLException}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws SQLException;
  }
}
