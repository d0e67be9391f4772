package dev.mds.cli;

import dev.mds.engine.DuckDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import picocli.CommandLine.IVersionProvider;

/**
 * The version from the jar manifest ({@code dev} when run from classes), then DuckDB's version and
 * the platform: what a support question about an install needs first.
 */
final class MdsVersion implements IVersionProvider {

  static String version() {
    String v = MdsVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"mds " + version(), "DuckDB " + duckDbVersion(), "platform: " + platform()};
  }

  /**
   * Asked of DuckDB itself, so that the line also proves its native library loads here: an install
   * missing this platform's library says so instead of failing at the first build.
   */
  static String duckDbVersion() {
    try (Connection connection = DuckDb.connect("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select library_version, source_id from pragma_version()")) {
      rows.next();
      return rows.getString(1) + " (" + rows.getString(2) + ")";
    } catch (SQLException | LinkageError | RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return "cannot load on this platform: " + cause.getMessage();
    }
  }

  /** Operating system, processor, and the Java that runs mds. */
  static String platform() {
    return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
        + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home")
        + ")";
  }
}
