package dev.mds.engine;

import dev.mds.graph.Relation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to DuckDB through its JDBC driver. Each statement gets a fresh JDBC
 * {@link Statement} (DuckDB closes one that throws).
 */
public final class DuckDbConnection implements EngineConnection {

  private final Connection connection;
  private volatile Statement running;

  public DuckDbConnection(Connection connection) {
    this.connection = connection;
  }

  /**
   * The JDBC connection, for what only DuckDB does (the serving copy, seed rejects tables,
   * external exports).
   */
  public Connection jdbc() {
    return connection;
  }

  /** {@code connection}'s JDBC connection: it must be DuckDB's (the DuckDB-only paths). */
  public static Connection jdbc(EngineConnection connection) {
    if (connection instanceof DuckDbConnection duck) {
      return duck.connection;
    }
    throw new IllegalStateException("a DuckDB-only path reached a "
        + connection.getClass().getSimpleName());
  }

  @Override
  public long execute(String sql) throws SQLException {
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
    }
  }

  @Override
  public <T> T query(String sql, RowReader<T> reader) throws SQLException {
    try (Statement st = connection.createStatement()) {
      running = st;
      try {
        if (!st.execute(sql)) {
          return reader.read(Rows.NONE);
        }
        try (ResultSet rs = st.getResultSet()) {
          return reader.read(new JdbcRows(rs));
        }
      } finally {
        running = null;
      }
    }
  }

  @Override
  public Optional<String> relationType(Relation relation) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(DuckDbWarehouse.RELATION_TYPE)) {
      DuckDbWarehouse.RelationType.bind(st, relation);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  @Override
  public Map<String, String> columns(String relationSql) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("describe " + relationSql)) {
      while (rs.next()) {
        columns.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return columns;
  }

  @Override
  public void cancel() {
    Statement st = running;
    if (st != null) {
      try {
        st.cancel();
      } catch (SQLException ignored) {
        // The statement finished between the check and the cancel: nothing left to stop.
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
