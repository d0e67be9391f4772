package dev.mds.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Collects printed text so a line meant for a PrintWriter can go through the reporter. */
final class StringPrinter {

  private final StringWriter buffer = new StringWriter();
  private final PrintWriter writer = new PrintWriter(buffer);

  PrintWriter writer() {
    return writer;
  }

  String text() {
    writer.flush();
    return buffer.toString().strip();
  }
}
