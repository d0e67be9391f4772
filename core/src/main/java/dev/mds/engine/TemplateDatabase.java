package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.graph.Quoting;
import dev.mds.graph.Relation;
import dev.mds.project.Target;
import dev.mds.template.Database;
import dev.mds.template.QueryTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The database templates query ({@code run_query}, {@code statement}, adapter introspection), on
 * a connection of its own opened on first use: queries from models rendering on several workers
 * take turns on it, and see what earlier nodes committed.
 */
public final class TemplateDatabase implements Database, AutoCloseable {

  private final Supplier<EngineConnection> opener;
  private final Quoting quoting;
  private final AutoCloseable owner;
  private EngineConnection connection;

  /**
   * @param opener opens the connection, once, when a template first needs it
   * @param quoting the engine's, for relations looked up by name
   */
  public TemplateDatabase(Supplier<EngineConnection> opener, Quoting quoting) {
    this(opener, quoting, null);
  }

  private TemplateDatabase(Supplier<EngineConnection> opener, Quoting quoting,
      AutoCloseable owner) {
    this.opener = opener;
    this.quoting = quoting;
    this.owner = owner;
  }

  /** Templates' queries on a connection of their own to {@code warehouse}. */
  public static TemplateDatabase of(Warehouse warehouse) {
    return new TemplateDatabase(warehouse::connect, warehouse.dialect().quoting());
  }

  /** Templates' queries on {@code session}'s connection (its transaction, if any). */
  public static TemplateDatabase of(Session session) {
    return new TemplateDatabase(new Supplier<>() {
      @Override
      public EngineConnection get() {
        return new Borrowed(session.connection());
      }
    }, session.dialect().quoting());
  }

  /**
   * What {@code mds compile} queries: for DuckDB a read-only connection to the target's database
   * file (an empty in-memory database while the file does not exist yet); another engine is
   * opened for reading when a template first asks something.
   */
  public static TemplateDatabase forCompiling(Target target) {
    if (!target.isDuckDb()) {
      Warehouse[] opened = new Warehouse[1];
      return new TemplateDatabase(() -> {
        opened[0] = Engines.open(target, EngineOptions.forReading(0, note -> { }));
        return opened[0].connect();
      }, target.quoting(), () -> {
        if (opened[0] != null) {
          opened[0].close();
        }
      });
    }
    java.nio.file.Path file = target.databasePath();
    return new TemplateDatabase(() -> {
      try {
        if (!java.nio.file.Files.isRegularFile(file)) {
          // Nothing is built yet: queries see an empty database, as dbt's would on a new file
          // (dbt_utils.get_column_values then returns its default).
          return new DuckDbConnection(java.sql.DriverManager.getConnection("jdbc:duckdb:"));
        }
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return new DuckDbConnection(java.sql.DriverManager.getConnection(
            "jdbc:duckdb:" + file.toAbsolutePath(), properties));
      } catch (SQLException e) {
        throw new MdsException("cannot open " + file + " to run a template's query: "
            + DuckDbError.summary(e.getMessage()), e);
      }
    }, Quoting.DOUBLE_QUOTES);
  }

  private EngineConnection connection() {
    if (connection == null) {
      queried = true;
      connection = opener.get();
    }
    return connection;
  }

  /** Set once a template asked the database anything (its answer may change between runs). */
  private boolean queried;

  /** Whether a template asked the database anything since this was made. */
  public synchronized boolean queried() {
    return queried;
  }

  /** The engine's own connection behind a borrowed one (DuckDB's has faster lookups). */
  private EngineConnection engine() {
    EngineConnection engine = connection();
    return engine instanceof Borrowed borrowed ? borrowed.connection() : engine;
  }

  @Override
  public synchronized QueryTable query(String sql) {
    try {
      return connection().query(sql, TemplateDatabase::table);
    } catch (SQLException e) {
      throw new MdsException("query failed: " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  private static QueryTable table(Rows rows) throws SQLException {
    List<String> names = rows.columnNames();
    int count = names.size();
    List<List<Object>> data = new ArrayList<>();
    while (rows.next()) {
      List<Object> row = new ArrayList<>(count);
      for (int i = 1; i <= count; i++) {
        row.add(rows.getObject(i));
      }
      data.add(row);
    }
    return new QueryTable(names, data);
  }

  @Override
  public synchronized List<Column> columns(RelationName relation) {
    EngineConnection engine = engine();
    try {
      if (engine instanceof DuckDbConnection duck) {
        return duckDbColumns(duck.jdbc(), relation);
      }
      Relation named = named(relation);
      if (engine.relationType(named).isEmpty()) {
        return List.of();
      }
      List<Column> columns = new ArrayList<>();
      engine.columns(named.toString()).forEach((name, type) -> columns.add(new Column(name, type)));
      return columns;
    } catch (SQLException e) {
      throw new MdsException("cannot read the columns of " + relation.schema() + "."
          + relation.identifier() + ": " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  private static List<Column> duckDbColumns(Connection jdbc, RelationName relation)
      throws SQLException {
    List<Column> columns = new ArrayList<>();
    String sql = "select column_name, data_type from information_schema.columns"
        + " where table_schema = ? and table_name = ?"
        + (relation.database() != null ? " and table_catalog = ?" : "")
        + " order by ordinal_position";
    try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
      bind(statement, relation);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(new Column(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return columns;
  }

  @Override
  public synchronized Optional<String> relationType(RelationName relation) {
    EngineConnection engine = engine();
    try {
      Optional<String> type;
      if (engine instanceof DuckDbConnection duck) {
        type = duckDbRelationType(duck.jdbc(), relation);
      } else {
        type = engine.relationType(named(relation));
      }
      return type.map(t -> RelationTypes.VIEW.equalsIgnoreCase(t) ? "view" : "table");
    } catch (SQLException e) {
      throw new MdsException("cannot look up " + relation.schema() + "." + relation.identifier()
          + ": " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  /** Any catalog when none is named: the lookup dbt-duckdb's adapter makes. */
  private static Optional<String> duckDbRelationType(Connection jdbc, RelationName relation)
      throws SQLException {
    String sql = "select table_type from information_schema.tables"
        + " where table_schema = ? and table_name = ?"
        + (relation.database() != null ? " and table_catalog = ?" : "");
    try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
      bind(statement, relation);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private Relation named(RelationName relation) {
    return new Relation(relation.database(), relation.schema(), relation.identifier(),
        relation.database() != null, quoting);
  }

  private static void bind(PreparedStatement statement, RelationName relation)
      throws SQLException {
    statement.setString(1, relation.schema());
    statement.setString(2, relation.identifier());
    if (relation.database() != null) {
      statement.setString(3, relation.database());
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing a connection that only read: nothing is lost.
      }
      connection = null;
    }
    if (owner != null) {
      try {
        owner.close();
      } catch (Exception e) {
        // Closing an engine that only read: nothing is lost.
      }
    }
  }

  /** A session's connection lent to templates: closing it leaves the session's open. */
  private record Borrowed(EngineConnection connection) implements EngineConnection {
    @Override
    public long execute(String sql) throws SQLException {
      return connection.execute(sql);
    }

    @Override
    public <T> T query(String sql, RowReader<T> reader) throws SQLException {
      return connection.query(sql, reader);
    }

    @Override
    public Optional<String> relationType(Relation relation) throws SQLException {
      return connection.relationType(relation);
    }

    @Override
    public java.util.Map<String, String> columns(String relationSql) throws SQLException {
      return connection.columns(relationSql);
    }

    @Override
    public void cancel() {
      connection.cancel();
    }

    @Override
    public void close() {
    }
  }
}
