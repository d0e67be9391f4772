package dev.mds.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The raw-JDBC program that the whole-process baseline starts: it runs a list of statements over
 * one DuckDB connection on a new database file and exits, as a user's own small JDBC program
 * would. {@link RunOverhead} times it as a process, like {@code mds build}, so both sides pay
 * a JVM start, loading DuckDB's native library and a fresh process's memory.
 *
 * <p>Usage: {@code ReplayProcess STATEMENTS DATABASE}, where STATEMENTS holds the statements
 * separated by NUL characters. It prints the seconds its statements took (without opening and
 * closing the database).
 */
public final class ReplayProcess {

  /** Separates statements in the file {@link #main} reads (SQL text never holds a NUL). */
  static final String SEPARATOR = "\0";

  private ReplayProcess() {
  }

  public static void main(String[] args) throws Exception {
    List<String> statements = List.of(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)
        .split(SEPARATOR));
    System.out.println(run(statements, Path.of(args[1])).statements());
  }

  /**
   * Runs {@code statements} over one connection on a new database file (opened as mds opens it:
   * no extension downloads); the in-JVM replay of {@link RunOverhead} uses it too.
   */
  static Times run(List<String> statements, Path database) throws Exception {
    Files.deleteIfExists(database);
    Files.deleteIfExists(database.resolveSibling(database.getFileName() + ".wal"));
    Properties properties = new Properties();
    properties.setProperty("autoinstall_known_extensions", "false");
    properties.setProperty("autoload_known_extensions", "false");
    long start = System.nanoTime();
    long took;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database,
        properties)) {
      long first = System.nanoTime();
      for (String sql : statements) {
        try (Statement st = connection.createStatement()) {
          st.execute(sql);
        }
      }
      took = System.nanoTime() - first;
    }
    return new Times((System.nanoTime() - start) / 1e9, took / 1e9);
  }

  /** A replay's whole time (open, statements, close) and its statements' alone, in seconds. */
  record Times(double total, double statements) {
  }
}
