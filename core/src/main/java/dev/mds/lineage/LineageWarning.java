package dev.mds.lineage;

/**
 * Something in a model's SQL worth a look, found while tracing its lineage: a join on part of a
 * declared grain, or a table read by name instead of through {@code ref()}/{@code source()}.
 *
 * @param model the model's unique id
 * @param location {@code models/x.sql:12}, or {@code models/x.sql (compiled line 12)} when the
 *     compiled SQL's lines differ from the file's
 */
public record LineageWarning(String model, Kind kind, String location, String message) {

  /** What was found. */
  public enum Kind {
    PARTIAL_KEY_JOIN, UNDECLARED_READ
  }

  /** The warning as one line: location, then message. */
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
