package dev.mds.engine;

import dev.mds.MdsException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds a text file's encoding (byte-order mark, then whether it is valid UTF-8, else Windows-1252,
 * which Windows EU exports use) and transcodes files DuckDB cannot read into UTF-8, streaming.
 */
public final class TextEncoding {

  /** Windows-1252: Latin-1 plus {@code €}, curly quotes and dashes in 0x80–0x9F. */
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static final int SAMPLE_BYTES = 1 << 20;

  private TextEncoding() {
  }

  /** The charset a user names in config ({@code encoding: cp1252}), or an error. */
  public static Charset named(String name, String location) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (n) {
      case "utf-8", "utf8", "utf-8-sig" -> StandardCharsets.UTF_8;
      case "utf-16", "utf16" -> StandardCharsets.UTF_16;
      case "utf-16le" -> StandardCharsets.UTF_16LE;
      case "utf-16be" -> StandardCharsets.UTF_16BE;
      case "latin-1", "latin1", "iso-8859-1", "iso8859-1" -> StandardCharsets.ISO_8859_1;
      case "cp1252", "windows-1252", "win1252", "ansi" -> WINDOWS_1252;
      default -> throw new MdsException(location + ": unknown encoding '" + name
          + "' (use utf-8, utf-16, latin-1 or cp1252)");
    };
  }

  /**
   * Detects the encoding from the first megabyte of the file; when that is valid UTF-8 the rest is
   * checked too, streaming, since exports often hold their first umlaut far down the file.
   */
  public static Charset detect(Path file) {
    byte[] sample;
    try (InputStream in = Files.newInputStream(file)) {
      sample = in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      throw new MdsException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
      return StandardCharsets.UTF_8;
    }
    if (startsWith(sample, 0xFF, 0xFE) || startsWith(sample, 0xFE, 0xFF)) {
      return StandardCharsets.UTF_16;
    }
    if (looksLikeUtf16(sample)) {
      return sample.length > 1 && sample[0] == 0 ? StandardCharsets.UTF_16BE
          : StandardCharsets.UTF_16LE;
    }
    if (!isUtf8(sample, sample.length == SAMPLE_BYTES)) {
      return WINDOWS_1252;
    }
    return sample.length < SAMPLE_BYTES || isUtf8(file) ? StandardCharsets.UTF_8 : WINDOWS_1252;
  }

  /** Whether the whole file decodes as UTF-8, read a buffer at a time. */
  private static boolean isUtf8(Path file) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    try (InputStream in = Files.newInputStream(file)) {
      boolean eof = false;
      while (true) {
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        eof = n < 0;
        if (!eof) {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        CoderResult result = decoder.decode(bytes, chars, eof);
        bytes.compact();
        chars.clear();
        if (result.isError()) {
          return false;
        }
        if (eof && result.isUnderflow()) {
          return true;
        }
      }
    } catch (IOException e) {
      throw new MdsException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** ASCII text in UTF-16 has a zero byte in every other position. */
  private static boolean looksLikeUtf16(byte[] sample) {
    int zeros = 0;
    int limit = Math.min(sample.length, 4096);
    for (int i = 0; i < limit; i++) {
      if (sample[i] == 0) {
        zeros++;
      }
    }
    return limit > 0 && zeros > limit / 4;
  }

  /** Whether the bytes decode as UTF-8; a sample cut mid-character at its end still counts. */
  private static boolean isUtf8(byte[] sample, boolean truncated) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(sample);
    CharBuffer out = CharBuffer.allocate(sample.length + 1);
    var result = decoder.decode(in, out, !truncated);
    return !result.isError();
  }

  /** Whether DuckDB reads this charset itself (it reads UTF-8, with or without a BOM). */
  public static boolean readableByDuckDb(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code source} decoded as {@code charset} to {@code target} as UTF-8, a buffer at a
   * time, so any file size fits in a small heap. An unmappable byte is an error naming the line.
   */
  public static void transcode(Path source, Charset charset, Path target) {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    // Our own decode loop, not an InputStreamReader: a reader throws away the characters it
    // decoded before a bad byte in the same buffer, and those are needed to count the lines.
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    long[] line = {1};
    try {
      Files.createDirectories(target.getParent());
      try (InputStream in = Files.newInputStream(source);
          BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        boolean eof = false;
        boolean start = true;
        while (true) {
          if (!eof) {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
              eof = true;
            } else {
              bytes.position(bytes.position() + n);
            }
          }
          bytes.flip();
          CoderResult result = decoder.decode(bytes, chars, eof);
          bytes.compact();
          start = drain(chars, writer, start, line);
          if (result.isError()) {
            result.throwException();
          }
          if (eof && result.isUnderflow()) {
            decoder.flush(chars);
            drain(chars, writer, start, line);
            break;
          }
        }
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (CharacterCodingException e) {
      deleteQuietly(temporary);
      throw new MdsException(source + ":" + line[0] + ": bytes that are not valid "
          + charset.displayName() + "; set encoding: to the file's real encoding", e);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new MdsException("Cannot transcode " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the decoded characters, dropping a byte-order mark at the very start and counting line
   * breaks into {@code line}; returns whether nothing has been written yet.
   */
  private static boolean drain(CharBuffer chars, BufferedWriter writer, boolean start,
      long[] line) throws IOException {
    chars.flip();
    int from = 0;
    int n = chars.remaining();
    if (start && n > 0 && chars.get(0) == '\uFEFF') {
      from = 1;
    }
    for (int i = from; i < n; i++) {
      if (chars.get(i) == '\n') {
        line[0]++;
      }
    }
    writer.write(chars.array(), from, n - from);
    chars.clear();
    return start && n == 0;
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: a stray temp file in the cache folder is harmless and overwritten next time.
    }
  }
}
