package dev.mds.docs;

/**
 * One data test as listed on the page of the node it tests.
 *
 * @param kind the generic test's name (unique, not_null, ...) or {@code singular}
 * @param run the last result, or null when the test has not run
 */
record TestRow(NodeLink test, String kind, String column, String severity, RunView run) {

  public String tone() {
    return run == null ? "muted" : run.tone();
  }
}
