package dev.mds.engine;

import dev.mds.graph.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One worker's connection to the engine, with the engine's {@link Dialect} and
 * {@link Capabilities}: materializations write their SQL through these. Every statement run is
 * remembered so it can be written to {@code target/run/}. With a {@link RelationCatalog},
 * relation lookups are answered from it, and the relations this session creates are reported to
 * it when their transaction commits.
 */
public final class Session implements AutoCloseable {

  private final EngineConnection connection;
  private final Dialect dialect;
  private final Capabilities capabilities;
  private final RelationCatalog catalog;
  /** The warehouse's capabilities per table format; null: the same for every format. */
  private java.util.function.Function<TableOptions, Capabilities> formats;
  private final List<String> log = new ArrayList<>();
  private final Map<Relation, String> createdInTransaction = new LinkedHashMap<>();
  private SqlWork<Void> beforeCommit;
  private java.util.function.UnaryOperator<String> comment;
  private boolean inTransaction;
  private long workNanos;
  private int workStatements;
  private long ownNanos;
  private int ownQueries;

  /** A new connection to {@code warehouse} that looks every relation up in the engine. */
  public Session(Warehouse warehouse) {
    this(warehouse, null);
  }

  /** @param catalog answers relation lookups; null to ask the engine each time */
  public Session(Warehouse warehouse, RelationCatalog catalog) {
    this(warehouse.connect(), warehouse.dialect(), warehouse.capabilities(), catalog);
    this.formats = warehouse::capabilities;
  }

  /** A session over {@code connection} of an engine with {@code dialect} and {@code capabilities}. */
  public Session(EngineConnection connection, Dialect dialect, Capabilities capabilities,
      RelationCatalog catalog) {
    this.connection = connection;
    this.dialect = dialect;
    this.capabilities = capabilities;
    this.catalog = catalog;
  }

  /** A session over a DuckDB connection (DuckDB's own capabilities). */
  public Session(DuckDbConnection duckDb) {
    this(duckDb, (RelationCatalog) null);
  }

  /** A session over a DuckDB connection (DuckDB's own capabilities) with a relation catalog. */
  public Session(DuckDbConnection duckDb, RelationCatalog catalog) {
    this(duckDb, DuckDbDialect.INSTANCE, Capabilities.DUCKDB, catalog);
  }

  /** A session over a DuckDB JDBC connection (DuckDB's own capabilities). */
  public Session(java.sql.Connection duckDb) {
    this(new DuckDbConnection(duckDb), DuckDbDialect.INSTANCE, Capabilities.DUCKDB, null);
  }

  /** The engine's SQL. */
  public Dialect dialect() {
    return dialect;
  }

  /** What the engine can do. */
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * What the engine can do for a table with {@code options}: the engine-wide capabilities, less
   * what the table's format lacks (Spark's Parquet tables have no merge).
   */
  public Capabilities capabilities(TableOptions options) {
    return formats == null ? capabilities : formats.apply(options);
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
    try {
      return connection.execute(sql);
    } finally {
      work(start);
    }
  }

  /**
   * Runs a query that is part of the work (a data test's), remembered like {@link #execute}'s
   * statements and cancellable like them, and hands its rows to {@code rows}.
   */
  public <T> T query(String statement, RowReader<T> rows) throws SQLException {
    String sql = comment == null ? statement : comment.apply(statement);
    log.add(sql);
    long start = System.nanoTime();
    try {
      return connection.query(sql, rows);
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
    try {
      return connection.query(sql, rs -> {
        rs.next();
        return rs.getLong(1);
      });
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
    try {
      return connection.relationType(relation);
    } finally {
      own(start);
    }
  }

  /** Column name to type, in table order, for any relation or temp table the engine can describe. */
  public Map<String, String> columns(String relationSql) throws SQLException {
    long start = System.nanoTime();
    try {
      return connection.columns(relationSql);
    } finally {
      own(start);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws,
   * so a failed rebuild leaves the previous relation as it was.
   */
  public <T> T inTransaction(SqlWork<T> work) throws SQLException {
    if (!capabilities.transactions()) {
      // Each statement stands alone: StagedBuild makes a rebuild safe by building it elsewhere.
      T result = work.run();
      if (beforeCommit != null) {
        beforeCommit.run();
      }
      return result;
    }
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

  private Relation audited;
  private Relation standIn;

  /**
   * While an engine without transactions builds a new version of {@code relation} in
   * {@code stage}, the SQL of the tests that audit it reads the stage instead ({@link #audited});
   * {@code null}s end it.
   */
  public void auditing(Relation relation, Relation stage) {
    this.audited = relation;
    this.standIn = stage;
  }

  /** {@code sql} (an audit's) reading the relation under audit where it is built now. */
  public String audited(String sql) {
    return audited == null ? sql : sql.replace(audited.toString(), standIn.toString());
  }

  private volatile boolean cancelled;

  /** Whether {@link #cancel} was called: work in several steps (microbatches) stops starting more. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Asks the engine to stop the statement that is running now, if any (for Ctrl-C). */
  public void cancel() {
    cancelled = true;
    connection.cancel();
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

  public EngineConnection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  /** SQL work that may fail with an {@link SQLException}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws SQLException;
  }
}
