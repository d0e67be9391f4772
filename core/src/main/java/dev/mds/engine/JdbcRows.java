package dev.mds.engine;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A JDBC result set as {@link Rows}. */
final class JdbcRows implements Rows {

  private final ResultSet rows;
  private final List<String> names;
  private final List<String> types;

  JdbcRows(ResultSet rows) throws SQLException {
    this.rows = rows;
    ResultSetMetaData meta = rows.getMetaData();
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      names.add(meta.getColumnLabel(i));
      types.add(meta.getColumnTypeName(i));
    }
    this.names = List.copyOf(names);
    this.types = List.copyOf(types);
  }

  @Override
  public List<String> columnNames() {
    return names;
  }

  @Override
  public List<String> columnTypes() {
    return types;
  }

  @Override
  public boolean next() throws SQLException {
    return rows.next();
  }

  @Override
  public Object getObject(int column) throws SQLException {
    return rows.getObject(column);
  }

  @Override
  public String getString(int column) throws SQLException {
    return rows.getString(column);
  }

  @Override
  public long getLong(int column) throws SQLException {
    return rows.getLong(column);
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    return rows.getBoolean(column);
  }

  /** The result set itself, for DuckDB-only readers that need JDBC's full interface. */
  ResultSet resultSet() {
    return rows;
  }
}
