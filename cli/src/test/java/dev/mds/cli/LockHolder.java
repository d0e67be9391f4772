package dev.mds.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a second JVM by the lock tests: opens the DuckDB file given as the argument (taking its
 * write lock), prints {@code locked}, then sleeps until killed.
 */
public final class LockHolder {

  private LockHolder() {
  }

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + args[0]);
        Statement st = connection.createStatement()) {
      st.execute("create table if not exists held (id int)");
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
