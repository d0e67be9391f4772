package dev.mds.engine;

import dev.mds.graph.Relation;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What building a node did.
 *
 * @param message a short dbt-style description, such as {@code CREATE VIEW} or {@code SELECT 42}
 * @param rows rows in the result (table, seed) or affected (incremental), when known
 * @param rowsOf a table whose rows are still to be counted (then {@code message} is the bare verb,
 *     such as {@code SELECT}, and {@link #withRows} completes it): a run counts them after the
 *     commit, off the worker's path
 */
public record BuildResult(String message, OptionalLong rows, Optional<Relation> rowsOf) {

  public static BuildResult of(String message) {
    return new BuildResult(message, OptionalLong.empty(), Optional.empty());
  }

  public static BuildResult of(String message, long rows) {
    return new BuildResult(message + " " + rows, OptionalLong.of(rows), Optional.empty());
  }

  /** {@code verb} with the rows of {@code table}, to be counted once its transaction committed. */
  public static BuildResult rowsOf(String verb, Relation table) {
    return new BuildResult(verb, OptionalLong.empty(), Optional.of(table));
  }

  /** This result with its table's {@code rows} counted. */
  public BuildResult withRows(long rows) {
    return of(message, rows);
  }
}
