package dev.mds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the {@code mds} command: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code mds args...} through {@link Mds#execute} and captures both streams. */
  static CliRun mds(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Mds.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Asserts the run succeeded, showing both streams if it did not. */
  CliRun assertOk() {
    assertEquals(0, exitCode, this::describe);
    return this;
  }

  /**
   * Asserts exit code 2 with exactly one line on stderr, no stack trace, and every fragment in
   * that line; returns the line.
   */
  String assertProjectError(String... fragments) {
    assertEquals(2, exitCode, this::describe);
    String line = err.strip();
    assertEquals(1, line.lines().count(), () -> "expected one line on stderr:\n" + describe());
    assertTrue(line.startsWith("Error: "), this::describe);
    assertFalse(err.contains("\tat "), () -> "stack trace printed:\n" + describe());
    assertFalse(err.contains("Exception"), () -> "exception class printed:\n" + describe());
    for (String fragment : fragments) {
      assertTrue(line.contains(fragment), () -> "missing '" + fragment + "':\n" + describe());
    }
    return line;
  }

  String describe() {
    return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
  }
}
