package dev.mds.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Run in a second JVM by the defer tests: opens the DuckDB file given as the argument read-only,
 * as a production dashboard would, prints {@code reading}, then sleeps until killed.
 */
public final class ReadOnlyReader {

  private ReadOnlyReader() {
  }

  public static void main(String[] args) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0], readOnly);
        Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from information_schema.tables")) {
      rs.next();
      System.out.println("reading");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
