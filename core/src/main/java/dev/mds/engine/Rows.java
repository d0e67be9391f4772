package dev.mds.engine;

import java.sql.SQLException;
import java.util.List;

/**
 * A query's rows as a cursor, the same for every engine: columns are numbered from 1 as in JDBC,
 * so that reading code reads as it did over a {@code ResultSet}. Values are Java objects
 * ({@code String}, {@code Long}/{@code Integer}, {@code BigDecimal}, {@code Double},
 * {@code Boolean}, {@code java.sql.Date}/{@code Timestamp} or {@code java.time} values, null).
 */
public interface Rows {

  /** What a statement without a result gives: no columns, no rows. */
  Rows NONE = new Rows() {
    @Override
    public List<String> columnNames() {
      return List.of();
    }

    @Override
    public List<String> columnTypes() {
      return List.of();
    }

    @Override
    public boolean next() {
      return false;
    }

    @Override
    public Object getObject(int column) throws SQLException {
      throw new SQLException("the statement returned no rows");
    }
  };

  /** The columns' names, in order. */
  List<String> columnNames();

  /** The columns' type names as the engine spells them ({@code VARCHAR}, {@code string}, ...). */
  List<String> columnTypes();

  default int columnCount() {
    return columnNames().size();
  }

  /** Moves to the next row; false after the last. */
  boolean next() throws SQLException;

  /** The value of column {@code column} (from 1) of the current row, or null. */
  Object getObject(int column) throws SQLException;

  /** The value as text, or null: the engine's own rendering of non-text values. */
  default String getString(int column) throws SQLException {
    Object value = getObject(column);
    return value == null ? null : value.toString();
  }

  /** The value as a whole number (0 for null, as JDBC). */
  default long getLong(int column) throws SQLException {
    Object value = getObject(column);
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new SQLException("column " + columnNames().get(column - 1) + " is not a number: "
          + value);
    }
  }

  /** The value as a boolean (false for null, as JDBC). */
  default boolean getBoolean(int column) throws SQLException {
    Object value = getObject(column);
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
  }

  /** The value of the column named {@code name} (as {@link #columnNames} spells it). */
  default Object getObject(String name) throws SQLException {
    return getObject(column(name));
  }

  default String getString(String name) throws SQLException {
    return getString(column(name));
  }

  /** The number (from 1) of the column named {@code name}, ignoring case. */
  default int column(String name) throws SQLException {
    List<String> names = columnNames();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i + 1;
      }
    }
    throw new SQLException("no column " + name + " in " + names);
  }
}
