package dev.mds.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads a DuckDB file with plain JDBC after an mds invocation, closing the connection before
 * returning so the next invocation can open the file.
 */
final class DuckDbFile {

  private DuckDbFile() {
  }

  /** Every row of {@code sql}, each as its values joined by {@code |}. */
  static List<String> rows(Path database, String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringJoiner row = new StringJoiner("|");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(row.toString());
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The relations in the file as {@code schema.name:TYPE}, sorted. */
  static List<String> relations(Path database) {
    return rows(database, "select table_schema || '.' || table_name || ':' || table_type"
        + " from information_schema.tables order by 1");
  }
}
