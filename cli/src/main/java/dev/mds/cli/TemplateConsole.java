package dev.mds.cli;

import dev.mds.template.context.TemplateLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Where {@code log()} and {@code print()} write for the verbs that keep no run log (compile, show,
 * ls, ...): info lines to the console with the time, as dbt prints them, and every log line to
 * {@code logs/mds.log}, which is opened only when a template logs (run, seed and build use their
 * {@link ConsoleReporter} instead).
 */
final class TemplateConsole implements TemplateLog {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter out;
  private final Path logFile;
  private final String invocation;
  private boolean started;
  private boolean used;

  TemplateConsole(PrintWriter out, Path projectRoot, String invocation) {
    this.out = out;
    this.logFile = projectRoot.resolve("logs").resolve("mds.log");
    this.invocation = invocation;
  }

  @Override
  public synchronized void info(String message) {
    used = true;
    String line = LocalTime.now().format(CLOCK) + "  " + message;
    out.println(line);
    out.flush();
    append(line);
  }

  @Override
  public synchronized void debug(String message) {
    used = true;
    append(LocalTime.now().format(CLOCK) + "  " + message);
  }

  @Override
  public synchronized void print(String message) {
    used = true;
    out.println(message);
    out.flush();
  }

  /** Whether a template logged or printed anything. */
  synchronized boolean used() {
    return used;
  }

  private void append(String line) {
    String text = (started ? "" : RunLog.header(invocation) + System.lineSeparator())
        + line + System.lineSeparator();
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(logFile, dev.mds.Secrets.scrub(text), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      started = true;
    } catch (IOException e) {
      // Logging must never fail a command; the console still has the line.
    }
  }
}
