package dev.mds.spark;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A relation's rows as text, one spelling per value whichever engine returned it (DuckDB's JDBC
 * driver or Spark), so the tests can compare what the same project built on each engine.
 */
final class EngineRows {

  private EngineRows() {
  }

  /** Each row of {@code rs} as its values joined by {@code |}, in the order read. */
  static List<String> of(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        values.add(normal(rs.getObject(i)));
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }

  /** Each row of {@code table} as its values joined by {@code |}, in the order collected. */
  static List<String> of(Dataset<Row> table) {
    List<String> rows = new ArrayList<>();
    for (Row row : table.collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(normal(row.get(i)));
      }
      rows.add(String.join("|", values));
    }
    return rows;
  }

  /**
   * Numbers without trailing zeros, dates as ISO text, and a timestamp at midnight as its date
   * (DuckDB and Spark differ in which of these types some expressions return).
   */
  static String normal(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double x && !Double.isFinite(x)) {
      return x.toString();
    }
    if (value instanceof Number n) {
      return normal(new BigDecimal(n.toString()));
    }
    if (value instanceof java.sql.Timestamp t) {
      return normal(t.toLocalDateTime());
    }
    if (value instanceof java.time.LocalDateTime t) {
      return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
          : t.toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    return value.toString();
  }
}
