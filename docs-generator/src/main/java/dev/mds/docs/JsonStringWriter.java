package dev.mds.docs;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes text as the inside of a JSON string, in UTF-8, straight to a stream: what a template
 * renders goes into a page shard ({@link NodePages}) in chunks, without a copy of the whole page
 * in memory. Jackson's own string escaper escapes each chunk (escaping is per character, so a
 * chunk boundary changes nothing), so the shards read as before. Rendering 78 MB of pages into a
 * string and escaping it whole cost ~40% of writing the pages of a 5,000-model site.
 */
final class JsonStringWriter extends Writer {

  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();
  private static final int CHUNK = 1 << 13;

  /** UTF-8 through Java's encoder, which also keeps a surrogate pair split between chunks whole. */
  private final Writer out;
  private final StringBuilder pending = new StringBuilder(CHUNK);

  JsonStringWriter(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 15);
  }

  /** Writes {@code text} as a whole JSON string, quotes included. */
  void string(String text) throws IOException {
    raw('"');
    write(text);
    endString();
  }

  /** Opens a JSON string: what is written next is its content, until {@link #endString}. */
  void startString() throws IOException {
    raw('"');
  }

  void endString() throws IOException {
    raw('"');
  }

  /** Writes JSON's own punctuation, unescaped. */
  void raw(char c) throws IOException {
    escapePending();
    out.write(c);
  }

  @Override
  public void write(int c) throws IOException {
    pending.append((char) c);
    escapeIfFull();
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    pending.append(text, offset, length);
    escapeIfFull();
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    pending.append(text, offset, offset + length);
    escapeIfFull();
  }

  private void escapeIfFull() throws IOException {
    if (pending.length() >= CHUNK) {
      escapePending();
    }
  }

  private void escapePending() throws IOException {
    if (pending.length() > 0) {
      out.write(JSON.quoteAsString(pending));
      pending.setLength(0);
    }
  }

  @Override
  public void flush() throws IOException {
    escapePending();
    out.flush();
  }

  /** Flushes; the stream stays open (its owner closes it). */
  @Override
  public void close() throws IOException {
    flush();
  }
}
