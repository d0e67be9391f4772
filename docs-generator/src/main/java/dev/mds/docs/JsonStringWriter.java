package dev.mds.docs;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes text as the inside of a JSON string, in UTF-8, straight to a stream: what a template
 * renders goes into a page shard ({@link NodePages}) in chunks, without a copy of the whole page
 * in memory. Jackson's own string escaper escapes each chunk (escaping is per character, so a
 * chunk boundary changes nothing), so the shards read as before. Rendering 78 MB of pages into a
 * string and escaping it whole cost ~40% of writing the pages of a 5,000-model site.
 *
 * <p>Most of a page is its template's fixed text, which Pebble writes as the same {@code char[]}
 * (one per text node) on every page: such an array is escaped and encoded once per writer and
 * its bytes reused while its content is unchanged (compared on every use, so a caller that
 * reuses one buffer for other text gets that text). With UTF-8 encoded here rather than by a
 * {@code Writer} over the stream, that took ~20% off the CPU of writing a 5,000-model site's
 * node pages. (Escaping into one buffer and encoding it 8 KB at a time was slower: Jackson
 * appends to a {@code StringBuilder} a character at a time.)
 */
final class JsonStringWriter extends Writer {

  private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();
  private static final int CHUNK = 1 << 13;
  /** Shorter arrays are not worth a look-up: they go with the text around them. */
  private static final int KNOWN_FROM = 24;

  private final OutputStream out;
  private final StringBuilder pending = new StringBuilder(CHUNK);
  private final Map<char[], Escaped> known = new IdentityHashMap<>();

  /** A text's copy (to tell it is unchanged) and its escaped UTF-8 bytes. */
  private record Escaped(char[] text, byte[] json) {
  }

  JsonStringWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 15);
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
    escapePending(true);
    out.write(c);
  }

  @Override
  public void write(int c) throws IOException {
    pending.append((char) c);
    escapeIfFull();
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    if (offset == 0 && length == text.length && length >= KNOWN_FROM
        && !Character.isLowSurrogate(text[0])
        && !Character.isHighSurrogate(text[length - 1])) {
      Escaped escaped = known.get(text);
      if (escaped == null || !Arrays.equals(escaped.text(), text)) {
        escaped = new Escaped(text.clone(), utf8(JSON.quoteAsString(new String(text))));
        known.put(text, escaped);
      }
      escapePending(true);
      out.write(escaped.json());
      return;
    }
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
      escapePending(false);
    }
  }

  /**
   * Escapes and encodes what is pending. Unless {@code all}, a high surrogate at its end waits
   * for the low one that may come next, so the pair is encoded as one character.
   */
  private void escapePending(boolean all) throws IOException {
    int length = pending.length();
    if (length == 0) {
      return;
    }
    int end = !all && Character.isHighSurrogate(pending.charAt(length - 1)) ? length - 1 : length;
    String text = pending.substring(0, end);
    byte[] json;
    try {
      // Escaped and encoded in one pass, straight to bytes.
      json = JSON.quoteAsUTF8(text);
    } catch (IllegalArgumentException e) {
      // A lone surrogate, which Jackson refuses to encode: written as ? (as Java's encoders do).
      json = utf8(JSON.quoteAsString(text));
    }
    out.write(json);
    pending.delete(0, end);
  }

  /** UTF-8, a lone surrogate as {@code ?} (as Java's encoders write it). */
  private static byte[] utf8(char[] text) {
    return new String(text).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void flush() throws IOException {
    escapePending(false);
    out.flush();
  }

  /** Writes what is pending; the stream stays open (its owner closes it). */
  @Override
  public void close() throws IOException {
    escapePending(true);
    out.flush();
  }
}
