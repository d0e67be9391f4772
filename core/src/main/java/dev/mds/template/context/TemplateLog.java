package dev.mds.template.context;

/**
 * Where a template's {@code log()}, {@code print()} and {@code exceptions.warn()} lines go. The
 * command line supplies one that writes to the console and {@code logs/mds.log}. Models render in
 * parallel, so implementations must be thread-safe.
 */
public interface TemplateLog {

  /** {@code log(msg, info=True)}: a console line (with the time, as dbt prints it) and a log line. */
  void info(String message);

  /** {@code log(msg)}: the log file only. */
  void debug(String message);

  /** {@code print(msg)}: the text as it is on standard output, in no log. */
  void print(String message);

  /** {@code exceptions.warn(msg)}: shown like an info line, marked as a warning. */
  default void warn(String message) {
    info("Warning: " + message);
  }

  /** Drops every line: for renders outside a command (tests, tools). */
  TemplateLog NONE = new TemplateLog() {
    @Override
    public void info(String message) {
    }

    @Override
    public void debug(String message) {
    }

    @Override
    public void print(String message) {
    }
  };
}
