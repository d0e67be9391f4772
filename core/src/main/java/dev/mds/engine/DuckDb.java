package dev.mds.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Opens DuckDB databases the one way mds does: through DuckDB's driver directly ({@code
 * DriverManager}'s first use scans every jar on the class path for drivers, ~40 ms of a start),
 * and never reaching for the network for extensions.
 */
public final class DuckDb {

  private DuckDb() {
  }

  /**
   * The driver, made on first use: its class initialization also sets up a JDK Flight Recorder
   * event (~40 ms), which {@link #preload} moves off the main thread.
   */
  private static final class Driver {
    static final DuckDBDriver INSTANCE = new DuckDBDriver();
  }

  /** A connection to {@code url} ({@code jdbc:duckdb:} for a private in-memory database). */
  public static Connection connect(String url) throws SQLException {
    return connect(url, java.util.Map.of());
  }

  /**
   * A connection to {@code url} with DuckDB {@code options} that only count when a database opens
   * ({@code storage_compatibility_version}, ...).
   */
  public static Connection connect(String url, java.util.Map<String, String> options)
      throws SQLException {
    Properties properties = new Properties();
    properties.putAll(options);
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    return Driver.INSTANCE.connect(url, properties);
  }

  /**
   * Sets up DuckDB's driver and loads its native library (~80 ms in all) on a thread of its own,
   * so that both are ready by the time a command that parsed the project opens the database.
   * Opens nothing.
   */
  public static void preload() {
    Thread thread = new Thread(() -> {
      try {
        Class.forName(Driver.class.getName(), true, DuckDb.class.getClassLoader());
        Class.forName("org.duckdb.DuckDBNative", true, DuckDb.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // Opening a database reports the problem, naming the file it concerns.
      }
    }, "mds-duckdb-load");
    thread.setDaemon(true);
    thread.start();
  }
}
