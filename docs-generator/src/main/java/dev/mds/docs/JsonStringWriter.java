package dev.mds.docs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Writes text as the inside of a JSON string, in UTF-8, straight to a stream: what a template
 * renders goes into a page shard ({@link NodePages}) without a copy of the page in memory. The
 * escapes are Jackson's defaults, byte for byte (quote, backslash, the two-letter escapes of
 * control characters, {@code \\u00XX} for the others; nothing above U+001F escaped), so the
 * shards read as before. Rendering 78 MB of pages into a string, then escaping it through
 * Jackson and encoding it through a {@code BufferedWriter}, cost ~40% of writing the pages of a
 * 5,000-model site.
 */
final class JsonStringWriter extends Writer {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final OutputStream out;
  private final byte[] bytes = new byte[1 << 15];
  private final char[] chars = new char[1 << 12];
  private int size;
  /** A high surrogate waiting for its low half (a pair may be split between two writes). */
  private char high;

  JsonStringWriter(OutputStream out) {
    this.out = out;
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
    if (high != 0) {
      high = 0;
      put((byte) '?');
    }
    raw('"');
  }

  /** Writes JSON's own punctuation, unescaped. */
  void raw(char c) throws IOException {
    put((byte) c);
  }

  @Override
  public void write(int c) throws IOException {
    encode((char) c);
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      encode(text[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int from = offset; from < offset + length; from += chars.length) {
      int to = Math.min(offset + length, from + chars.length);
      text.getChars(from, to, chars, 0);
      for (int i = 0; i < to - from; i++) {
        encode(chars[i]);
      }
    }
  }

  private void encode(char c) throws IOException {
    if (size > bytes.length - 8) {
      drain();
    }
    if (high != 0) {
      char first = high;
      high = 0;
      if (Character.isLowSurrogate(c)) {
        int code = Character.toCodePoint(first, c);
        bytes[size++] = (byte) (0xF0 | code >> 18);
        bytes[size++] = (byte) (0x80 | code >> 12 & 0x3F);
        bytes[size++] = (byte) (0x80 | code >> 6 & 0x3F);
        bytes[size++] = (byte) (0x80 | code & 0x3F);
        return;
      }
      // A lone surrogate: what String.getBytes writes for one.
      bytes[size++] = '?';
    }
    if (c < 0x80) {
      if (c >= 0x20 && c != '"' && c != '\\') {
        bytes[size++] = (byte) c;
        return;
      }
      bytes[size++] = '\\';
      switch (c) {
        case '"' -> bytes[size++] = '"';
        case '\\' -> bytes[size++] = '\\';
        case '\b' -> bytes[size++] = 'b';
        case '\t' -> bytes[size++] = 't';
        case '\n' -> bytes[size++] = 'n';
        case '\f' -> bytes[size++] = 'f';
        case '\r' -> bytes[size++] = 'r';
        default -> {
          bytes[size++] = 'u';
          bytes[size++] = '0';
          bytes[size++] = '0';
          bytes[size++] = HEX[c >> 4];
          bytes[size++] = HEX[c & 0xF];
        }
      }
    } else if (c < 0x800) {
      bytes[size++] = (byte) (0xC0 | c >> 6);
      bytes[size++] = (byte) (0x80 | c & 0x3F);
    } else if (Character.isHighSurrogate(c)) {
      high = c;
    } else if (Character.isLowSurrogate(c)) {
      bytes[size++] = '?';
    } else {
      bytes[size++] = (byte) (0xE0 | c >> 12);
      bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
      bytes[size++] = (byte) (0x80 | c & 0x3F);
    }
  }

  private void put(byte b) throws IOException {
    if (size == bytes.length) {
      drain();
    }
    bytes[size++] = b;
  }

  private void drain() throws IOException {
    out.write(bytes, 0, size);
    size = 0;
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  /** Flushes; the stream stays open (its owner closes it). */
  @Override
  public void close() throws IOException {
    drain();
  }
}
