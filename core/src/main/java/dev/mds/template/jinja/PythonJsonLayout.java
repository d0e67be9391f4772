package dev.mds.template.jinja;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import java.io.IOException;

/**
 * Lays JSON out as Python's json.dumps does: {@code {"a": 1, "b": [1, 2]}} on one line, or with
 * {@code indent} one item per line and "," at line ends. Jackson writes the JSON; this only places
 * separators and whitespace.
 */
final class PythonJsonLayout implements PrettyPrinter, Instantiatable<PythonJsonLayout> {

  /** Spaces per level, or negative for the one-line form. */
  private final int indent;
  private int depth;

  PythonJsonLayout(int indent) {
    this.indent = indent;
  }

  @Override
  public PythonJsonLayout createInstance() {
    // Jackson asks for a fresh instance per document because this one counts nesting depth.
    return new PythonJsonLayout(indent);
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
    gen.writeRaw(' ');
  }

  @Override
  public void writeStartObject(JsonGenerator gen) throws IOException {
    gen.writeRaw('{');
    depth++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator gen) throws IOException {
    newLine(gen);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
    gen.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
    itemSeparator(gen);
  }

  @Override
  public void writeEndObject(JsonGenerator gen, int entries) throws IOException {
    depth--;
    if (entries > 0) {
      newLine(gen);
    }
    gen.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator gen) throws IOException {
    gen.writeRaw('[');
    depth++;
  }

  @Override
  public void beforeArrayValues(JsonGenerator gen) throws IOException {
    newLine(gen);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
    itemSeparator(gen);
  }

  @Override
  public void writeEndArray(JsonGenerator gen, int values) throws IOException {
    depth--;
    if (values > 0) {
      newLine(gen);
    }
    gen.writeRaw(']');
  }

  private void itemSeparator(JsonGenerator gen) throws IOException {
    if (indent < 0) {
      gen.writeRaw(", ");
    } else {
      gen.writeRaw(',');
      newLine(gen);
    }
  }

  private void newLine(JsonGenerator gen) throws IOException {
    if (indent >= 0) {
      gen.writeRaw('\n' + " ".repeat(indent * depth));
    }
  }
}
