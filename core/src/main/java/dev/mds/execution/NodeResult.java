package dev.mds.execution;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of one node in a run.
 *
 * @param message what happened (e.g. {@code SELECT 42}) or the error
 * @param rows rows written or affected, when known
 * @param compiledSql the SQL that ran, when the node was compiled
 * @param failures for a data test, the failing rows it found
 * @param batches for a microbatch model, which batches were written and which failed
 */
public record NodeResult(String uniqueId, RunStatus status, String message, OptionalLong rows,
    Instant startedAt, Instant completedAt, Optional<String> compiledSql,
    Optional<TestFailures> failures, Optional<BatchResults> batches) {

  /** A result without batches (everything but a microbatch model). */
  public NodeResult(String uniqueId, RunStatus status, String message, OptionalLong rows,
      Instant startedAt, Instant completedAt, Optional<String> compiledSql,
      Optional<TestFailures> failures) {
    this(uniqueId, status, message, rows, startedAt, completedAt, compiledSql, failures,
        Optional.empty());
  }

  /** A result without test findings (models, seeds, hooks). */
  public NodeResult(String uniqueId, RunStatus status, String message, OptionalLong rows,
      Instant startedAt, Instant completedAt, Optional<String> compiledSql) {
    this(uniqueId, status, message, rows, startedAt, completedAt, compiledSql, Optional.empty());
  }

  public double seconds() {
    return (completedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
  }

  /** This result with {@code rows} counted: {@code SELECT} becomes {@code SELECT 42}. */
  NodeResult withRows(long rows) {
    return new NodeResult(uniqueId, status, message + " " + rows, OptionalLong.of(rows), startedAt,
        completedAt, compiledSql, failures, batches);
  }

  static NodeResult skipped(String uniqueId, String why) {
    Instant now = Instant.now();
    return new NodeResult(uniqueId, RunStatus.SKIPPED, why, OptionalLong.empty(), now, now,
        Optional.empty());
  }
}
