package dev.mds.engine;

import dev.mds.MdsException;
import dev.mds.template.Database;
import dev.mds.template.QueryTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  private final Supplier<Connection> opener;
  private Connection connection;

  /** @param opener opens the connection, once, when a template first needs it */
  public TemplateDatabase(Supplier<Connection> opener) {
    this.opener = opener;
  }

  /**
   * A read-only connection to the target's database file, for {@code mds compile}; an empty
   * in-memory database while the file does not exist yet.
   */
  public static TemplateDatabase readOnly(java.nio.file.Path file) {
    return new TemplateDatabase(() -> {
      try {
        if (!java.nio.file.Files.isRegularFile(file)) {
          // Nothing is built yet: queries see an empty database, as dbt's would on a new file
          // (dbt_utils.get_column_values then returns its default).
          return java.sql.DriverManager.getConnection("jdbc:duckdb:");
        }
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return java.sql.DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(),
            properties);
      } catch (SQLException e) {
        throw new MdsException("cannot open " + file + " to run a template's query: "
            + DuckDbError.summary(e.getMessage()), e);
      }
    });
  }

  private Connection connection() {
    if (connection == null) {
      connection = opener.get();
    }
    return connection;
  }

  @Override
  public synchronized QueryTable query(String sql) {
    try (Statement statement = connection().createStatement()) {
      if (!statement.execute(sql)) {
        return new QueryTable(List.of(), List.of());
      }
      try (ResultSet rows = statement.getResultSet()) {
        return table(rows);
      }
    } catch (SQLException e) {
      throw new MdsException("query failed: " + DuckDbError.summary(e.getMessage()), e);
    }
  }

  private static QueryTable table(ResultSet rows) throws SQLException {
    int count = rows.getMetaData().getColumnCount();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(rows.getMetaData().getColumnLabel(i));
    }
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
    List<Column> columns = new ArrayList<>();
    String sql = "select column_name, data_type from information_schema.columns"
        + " where table_schema = ? and table_name = ?"
        + (relation.database() != null ? " and table_catalog = ?" : "")
        + " order by ordinal_position";
    try (PreparedStatement statement = connection().prepareStatement(sql)) {
      bind(statement, relation);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(new Column(rows.getString(1), rows.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw new MdsException("cannot read the columns of " + relation.schema() + "."
          + relation.identifier() + ": " + DuckDbError.summary(e.getMessage()), e);
    }
    return columns;
  }

  @Override
  public synchronized Optional<String> relationType(RelationName relation) {
    String sql = "select table_type from information_schema.tables"
        + " where table_schema = ? and table_name = ?"
        + (relation.database() != null ? " and table_catalog = ?" : "");
    try (PreparedStatement statement = connection().prepareStatement(sql)) {
      bind(statement, relation);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of("VIEW".equalsIgnoreCase(rows.getString(1)) ? "view" : "table");
      }
    } catch (SQLException e) {
      throw new MdsException("cannot look up " + relation.schema() + "." + relation.identifier()
          + ": " + DuckDbError.summary(e.getMessage()), e);
    }
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
  }
}
