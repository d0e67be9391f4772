package dev.mds.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends the full log of each invocation to {@code logs/mds.log} in the project folder. */
final class RunLog implements AutoCloseable {

  private final BufferedWriter writer;

  private RunLog(BufferedWriter writer) {
    this.writer = writer;
  }

  static RunLog open(Path projectRoot, String invocation) {
    try {
      Path dir = projectRoot.resolve("logs");
      Files.createDirectories(dir);
      BufferedWriter writer = Files.newBufferedWriter(dir.resolve("mds.log"),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      RunLog log = new RunLog(writer);
      log.line(header(invocation));
      return log;
    } catch (IOException e) {
      return new RunLog(null);
    }
  }

  /** The line that starts each invocation's part of the log. */
  static String header(String invocation) {
    return "==== " + java.time.Instant.now() + " mds " + invocation;
  }

  synchronized void line(String text) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(dev.mds.Secrets.scrub(text));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      // Logging must never fail a run; the console still has the line.
    }
  }

  void error(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    line(trace.toString());
  }

  @Override
  public synchronized void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // Nothing useful to do: the log is best effort.
      }
    }
  }
}
