package dev.mds.engine;

import java.sql.SQLException;

/** Reads a query's rows into a value. */
@FunctionalInterface
public interface RowReader<T> {
  T read(Rows rows) throws SQLException;
}
