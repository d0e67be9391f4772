package dev.mds.execution;

/** How a node ended, in dbt's words. */
public enum RunStatus {
  SUCCESS, ERROR, SKIPPED, PASS, FAIL, WARN,
  /** A microbatch model some of whose batches failed (the others are committed). */
  PARTIAL_SUCCESS;

  /** The lower-case name used in run_results.json ({@code partial success} as dbt writes it). */
  public String label() {
    return name().toLowerCase().replace('_', ' ');
  }

  /** Whether this outcome makes the invocation fail (exit code 1). */
  public boolean isFailure() {
    return this == ERROR || this == FAIL || this == PARTIAL_SUCCESS;
  }
}
