package dev.mds.engine;

/** The line a user needs from a DuckDB error: DuckDB's own message, not the JDBC wrapper's. */
public final class DuckDbError {

  /**
   * DuckDB JDBC reports a statement that fails to bind as this, with the real error on the lines
   * after it.
   */
  private static final String PENDING_WRAPPER =
      "Attempting to execute an unsuccessful or closed pending query result";

  private DuckDbError() {
  }

  /** The first line of the real error, with DuckDB's "Candidate bindings" hint when it gives one. */
  public static String summary(String message) {
    if (message == null) {
      return "";
    }
    String text = message.strip();
    int wrapper = text.indexOf(PENDING_WRAPPER);
    int nl = wrapper < 0 ? -1 : text.indexOf('\n', wrapper);
    if (nl >= 0 && !text.substring(nl + 1).isBlank()) {
      text = text.substring(nl + 1).strip();
      if (text.startsWith("Error: ")) {
        text = text.substring("Error: ".length());
      }
    }
    String[] lines = text.split("\n");
    String summary = lines[0].strip();
    if (lines.length > 1 && lines[1].startsWith("Candidate bindings")) {
      summary += " " + lines[1].strip();
    }
    return summary;
  }
}
