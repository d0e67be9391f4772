package dev.mds.engine;

import java.util.OptionalLong;

/**
 * What building a node did.
 *
 * @param message a short dbt-style description, such as {@code CREATE VIEW} or {@code SELECT 42}
 * @param rows rows in the result (table, seed) or affected (incremental), when known
 */
public record BuildResult(String message, OptionalLong rows) {

  public static BuildResult of(String message) {
    return new BuildResult(message, OptionalLong.empty());
  }

  public static BuildResult of(String message, long rows) {
    return new BuildResult(message + " " + rows, OptionalLong.of(rows));
  }
}
