package dev.mds.execution;

/** How a node ended, in dbt's words. */
public enum RunStatus {
  SUCCESS, ERROR, SKIPPED, PASS, FAIL, WARN;

  /** The lower-case name used in run_results.json. */
  public String label() {
    return name().toLowerCase();
  }

  /** Whether this outcome makes the invocation fail (exit code 1). */
  public boolean isFailure() {
    return this == ERROR || this == FAIL;
  }
}
