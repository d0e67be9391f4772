package dev.mds.engine;

import java.sql.SQLException;
import java.util.List;
import java.util.LinkedHashMap;

/**
 * What an engine connection that cannot read a CSV file as DuckDB does offers instead: a table
 * made from rows mds read. Seeds on such an engine are read by mds's DuckDB CSV handling (the same
 * encoding, delimiter, decimal-comma and type decisions as on DuckDB) and handed over here.
 */
public interface RowLoading {

  /**
   * Replaces table {@code relationSql} with {@code rows} in one step.
   *
   * @param columns column name to the engine's type ({@link Dialect#columnType}), in order
   * @param rows each row's values in column order, as DuckDB's JDBC driver returns them
   * @param options the table's options (its file format, location, ...)
   * @return the rows written
   */
  long replaceWithRows(String relationSql, LinkedHashMap<String, String> columns,
      List<Object[]> rows, TableOptions options) throws SQLException;
}
