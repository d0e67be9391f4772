package dev.mds.execution;

import dev.mds.engine.Dialect;
import dev.mds.engine.DuckDbDialect;
import dev.mds.engine.DuckDbError;
import dev.mds.engine.EngineConnection;
import dev.mds.engine.Warehouse;
import dev.mds.graph.Node;
import dev.mds.graph.Relation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one unit test's given rows become relations and its queries run: an in-memory DuckDB
 * ({@link Memory}, every DuckDB target) or the target's own engine ({@link OnEngine}: Spark),
 * where the given rows are temporary views of the session, so nothing reaches the catalog and
 * the model's SQL is read with the engine's semantics.
 */
interface UnitTestWorkspace extends AutoCloseable {

  /** The SQL of the engine the test runs on (quoting, string literals, type names). */
  Dialect dialect();

  /** The engine's type for a column of text whose type nothing declares. */
  String textType();

  /** The relation {@code node}'s given rows are read from (the same one for the whole test). */
  Relation relation(Node node);

  /** Makes {@code relation} (from {@link #relation}) hold the rows of {@code select}. */
  void createInput(Relation relation, String select) throws SQLException;

  /**
   * Keeps the rows of {@code select} under a name for the comparison ({@code purpose}: actual,
   * expected) and returns that name as SQL writes it; fails when {@code select} does.
   */
  String keep(String purpose, String select) throws SQLException;

  /** Column name to type of a query, in order. */
  Map<String, String> describe(String query) throws SQLException;

  /** A query's rows, each value as text ({@code NULL} for null). */
  List<List<String>> rows(String query) throws SQLException;

  void execute(String sql) throws SQLException;

  /**
   * The columns of the seed CSV at {@code pathLiteral} (a SQL string literal) as DuckDB's CSV
   * inspection types them, in this engine's type names.
   */
  Map<String, String> seedColumns(String pathLiteral) throws SQLException;

  /** The line a user reads from an error of this workspace's engine. */
  default String summary(SQLException e) {
    return DuckDbError.summary(e.getMessage());
  }

  @Override
  void close() throws SQLException;

  /** The DuckDB the runner has always used: one in memory per test, inputs as tables. */
  final class Memory implements UnitTestWorkspace {
    /** The catalog an in-memory DuckDB names its database. */
    private static final String MEMORY = "memory";

    private final Connection connection;

    Memory(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Dialect dialect() {
      return DuckDbDialect.INSTANCE;
    }

    @Override
    public String textType() {
      return "varchar";
    }

    @Override
    public Relation relation(Node node) {
      String schema = node.relation() == null || node.relation().schema() == null ? "main"
          : node.relation().schema();
      return new Relation(MEMORY, schema, node.relation() == null ? node.name()
          : node.relation().identifier());
    }

    @Override
    public void createInput(Relation relation, String select) throws SQLException {
      execute("create schema if not exists " + Relation.quote(MEMORY) + "."
          + Relation.quote(relation.schema()));
      execute("create or replace table " + relation + " as\n" + select);
    }

    @Override
    public String keep(String purpose, String select) throws SQLException {
      String name = "mds_" + purpose;
      execute("create temp table " + name + " as\n" + select);
      return name;
    }

    @Override
    public Map<String, String> describe(String query) throws SQLException {
      return describe(connection, query);
    }

    static Map<String, String> describe(Connection connection, String query)
        throws SQLException {
      Map<String, String> columns = new LinkedHashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("describe " + query)) {
        while (rs.next()) {
          columns.put(rs.getString("column_name"), rs.getString("column_type"));
        }
      }
      return columns;
    }

    @Override
    public List<List<String>> rows(String query) throws SQLException {
      List<List<String>> rows = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(query)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            Object value = rs.getObject(i);
            row.add(value == null ? "NULL" : String.valueOf(value));
          }
          rows.add(row);
        }
      }
      return rows;
    }

    @Override
    public void execute(String sql) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    @Override
    public Map<String, String> seedColumns(String pathLiteral) throws SQLException {
      return describe("select * from read_csv(" + pathLiteral + ", header = true)");
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /**
   * The target's engine, through the engine seam: given rows, the model's rows and the expected
   * rows are temporary views named {@code mds_unit_<n>_<name>} (unique in the process: workers
   * share one Spark session), dropped when the test ends. CSV inspection (seeds' columns, csv
   * fixtures) stays DuckDB's, as seeds are loaded on every engine, in an in-memory DuckDB opened
   * only when needed.
   */
  final class OnEngine implements UnitTestWorkspace {
    private static final AtomicLong NEXT = new AtomicLong();

    private final EngineConnection connection;
    private final Dialect dialect;
    private final Map<String, Relation> relations = new HashMap<>();
    private final List<String> views = new ArrayList<>();
    private Connection inspector;

    OnEngine(Warehouse warehouse) {
      this.dialect = warehouse.dialect();
      this.connection = warehouse.connect();
    }

    @Override
    public Dialect dialect() {
      return dialect;
    }

    @Override
    public String textType() {
      return dialect.columnType("VARCHAR");
    }

    @Override
    public Relation relation(Node node) {
      return relations.computeIfAbsent(node.uniqueId(), id -> Relation.temporary(
          uniqueName(node.relation() == null ? node.name() : node.relation().identifier()),
          dialect.quoting()));
    }

    private static String uniqueName(String name) {
      return "mds_unit_" + NEXT.incrementAndGet() + "_" + name;
    }

    @Override
    public void createInput(Relation relation, String select) throws SQLException {
      view(relation.toString(), select);
    }

    @Override
    public String keep(String purpose, String select) throws SQLException {
      String name = dialect.quote(uniqueName(purpose));
      view(name, select);
      return name;
    }

    /** A temporary view: the engine analyses its query, so SQL it cannot read fails here. */
    private void view(String name, String select) throws SQLException {
      connection.execute("create or replace temporary view " + name + " as\n" + select);
      views.add(name);
    }

    @Override
    public Map<String, String> describe(String query) throws SQLException {
      return connection.columns(query);
    }

    @Override
    public List<List<String>> rows(String query) throws SQLException {
      return connection.query(query, result -> {
        List<List<String>> rows = new ArrayList<>();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= result.columnCount(); i++) {
            Object value = result.getObject(i);
            row.add(value == null ? "NULL" : String.valueOf(value));
          }
          rows.add(row);
        }
        return rows;
      });
    }

    @Override
    public void execute(String sql) throws SQLException {
      connection.execute(sql);
    }

    private Connection inspector() throws SQLException {
      if (inspector == null) {
        inspector = DriverManager.getConnection("jdbc:duckdb:");
      }
      return inspector;
    }

    @Override
    public Map<String, String> seedColumns(String pathLiteral) throws SQLException {
      Map<String, String> columns = new LinkedHashMap<>();
      Memory.describe(inspector(), "select * from read_csv(" + pathLiteral + ", header = true)")
          .forEach((name, type) -> columns.put(name, dialect.columnType(type)));
      return columns;
    }

    /** A csv fixture as DuckDB reads it: the types it detects and every value as text. */
    record CsvRows(Map<String, String> detected, List<Map<String, Object>> rows) {
    }

    /** Reads the CSV file at {@code pathLiteral} with DuckDB and hands it to {@code fixture}. */
    String csvRows(String pathLiteral, java.util.function.Function<CsvRows, String> fixture)
        throws SQLException {
      Map<String, String> detected = Memory.describe(inspector(),
          "select * from read_csv(" + pathLiteral + ", header = true)");
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Statement statement = inspector().createStatement();
          ResultSet rs = statement.executeQuery("select * from read_csv(" + pathLiteral
              + ", header = true, all_varchar = true)")) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
          }
          rows.add(row);
        }
      }
      return fixture.apply(new CsvRows(detected, rows));
    }

    @Override
    public void close() throws SQLException {
      // Later views may read earlier ones: dropped newest first.
      for (int i = views.size() - 1; i >= 0; i--) {
        try {
          connection.execute("drop view if exists " + views.get(i));
        } catch (SQLException ignored) {
          // A view that is already gone, or a session that is closing: nothing to undo.
        }
      }
      try {
        if (inspector != null) {
          inspector.close();
        }
      } finally {
        connection.close();
      }
    }
  }
}
