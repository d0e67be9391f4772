package dev.mds.template;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.RenderedSizeContext;
import java.io.Writer;

/**
 * Where a macro call's body renders to: a string builder bounded by the render's size limit, as
 * Pebble's own {@code LimitedSizeWriter} bounds a template's output. Pebble's writes text as
 * strings, and {@link Writer} copies each string through a 2 KB buffer it makes per writer; a
 * package macro layered as dbt_utils' are runs a dozen calls per model, so that buffer alone was
 * ~1 KB of garbage per call (115 MB of a 10,000-model compile).
 */
final class MacroOutput extends Writer {

  private final StringBuilder text = new StringBuilder();
  private final RenderedSizeContext size;

  MacroOutput(RenderedSizeContext size) {
    this.size = size;
  }

  private void count(int chars) {
    if (size.getMaxRenderedSize() >= 0 && size.addAndGet(chars) > size.getMaxRenderedSize()) {
      throw new PebbleException(null, String.format("Tried to write more than %d chars.",
          size.getMaxRenderedSize()));
    }
  }

  @Override
  public void write(String str, int off, int len) {
    count(len);
    text.append(str, off, off + len);
  }

  @Override
  public void write(String str) {
    write(str, 0, str.length());
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    count(len);
    text.append(cbuf, off, len);
  }

  @Override
  public void write(int c) {
    count(1);
    text.append((char) c);
  }

  @Override
  public Writer append(CharSequence csq) {
    String s = String.valueOf(csq);
    write(s, 0, s.length());
    return this;
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
