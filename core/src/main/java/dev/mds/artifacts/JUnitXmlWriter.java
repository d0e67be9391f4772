package dev.mds.artifacts;

import dev.mds.MdsException;
import dev.mds.Secrets;
import dev.mds.execution.NodeResult;
import dev.mds.execution.RunStatus;
import dev.mds.execution.RunTask;
import dev.mds.execution.TestFailures;
import dev.mds.graph.Manifest;
import dev.mds.graph.Node;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a JUnit XML report, one testcase per node, so CI systems show a build like a test run:
 * failed tests are failures, model and seed errors are errors, skipped nodes are skipped.
 */
public final class JUnitXmlWriter {

  private JUnitXmlWriter() {
  }

  public static void write(Path file, String suiteName, Manifest manifest,
      RunTask.Outcome outcome) {
    List<NodeResult> results = outcome.results();
    String time = seconds(outcome.elapsedSeconds());
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        counts(xml, outcome, time);
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", suiteName);
        counts(xml, outcome, time);
        xml.writeAttribute("timestamp", outcome.startedAt().toString());
        for (NodeResult result : results) {
          testcase(xml, manifest.node(result.uniqueId()), result);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
      }
      if (Secrets.any()) {
        // Failure messages carry database errors, which may quote a profile's secret.
        String text = Files.readString(file);
        String scrubbed = Secrets.scrub(text);
        if (!scrubbed.equals(text)) {
          Files.writeString(file, scrubbed);
        }
      }
    } catch (IOException | XMLStreamException e) {
      throw new MdsException("Cannot write JUnit XML to " + file + ": " + e.getMessage(), e);
    }
  }

  private static void counts(XMLStreamWriter xml, RunTask.Outcome outcome, String time)
      throws XMLStreamException {
    xml.writeAttribute("tests", String.valueOf(outcome.results().size()));
    xml.writeAttribute("failures", String.valueOf(outcome.count(RunStatus.FAIL)));
    xml.writeAttribute("errors", String.valueOf(outcome.count(RunStatus.ERROR)));
    xml.writeAttribute("skipped", String.valueOf(outcome.count(RunStatus.SKIPPED)));
    xml.writeAttribute("time", time);
  }

  private static void testcase(XMLStreamWriter xml, Optional<Node> node, NodeResult result)
      throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", node.map(n -> n.resourceType().label() + "."
        + n.fqn().get(0)).orElse("operation"));
    xml.writeAttribute("name", node.map(Node::name).orElse(result.uniqueId()));
    xml.writeAttribute("file", node.map(Node::file).orElse(""));
    xml.writeAttribute("time", seconds(result.seconds()));
    switch (result.status()) {
      case FAIL -> detail(xml, "failure", result);
      case ERROR, PARTIAL_SUCCESS -> detail(xml, "error", result);
      case SKIPPED -> {
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", legal(result.message()));
      }
      case WARN -> {
        xml.writeStartElement("system-out");
        xml.writeCharacters(legal("WARN: " + body(result)));
        xml.writeEndElement();
      }
      default -> { }
    }
    xml.writeEndElement();
  }

  private static void detail(XMLStreamWriter xml, String element, NodeResult result)
      throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeAttribute("message", legal(result.message()));
    xml.writeAttribute("type", result.status().label());
    xml.writeCharacters(legal(body(result)));
    xml.writeEndElement();
  }

  /** The message, then any failing rows as tab-separated lines, then where the SQL is. */
  private static String body(NodeResult result) {
    StringBuilder text = new StringBuilder(result.message());
    result.failures().ifPresent(f -> appendSample(text, f));
    return text.toString();
  }

  private static void appendSample(StringBuilder text, TestFailures f) {
    if (!f.sampleRows().isEmpty()) {
      text.append("\n\n").append(String.join("\t", f.columns()));
      for (List<String> row : f.sampleRows()) {
        text.append('\n').append(String.join("\t", row));
      }
    }
    text.append("\n\nCompiled SQL: ").append(f.compiledPath());
  }

  /**
   * The text with characters XML 1.0 cannot hold (control characters from data or terminal
   * colours) written as Java-style escapes, so that one odd value cannot make the report unreadable.
   */
  private static String legal(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (allowed) {
        out.appendCodePoint(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04X", c));
      }
    });
    return out.toString();
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
