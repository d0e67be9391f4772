package dev.mds.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed checksums taken from the file a buffer at a time agree with the in-memory ones. */
class FileChecksumTest {

  @TempDir
  Path dir;

  @Test
  void streamedChecksumEqualsTheInMemoryOneAcrossBufferEdges() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("a;b\r\n".getBytes(StandardCharsets.US_ASCII));
    while (out.size() < (1 << 16) - 1) {
      out.write('x');
    }
    // CR as the last byte of the first 64 KiB buffer, LF as the first of the next.
    out.write("\r\nlone\rcr\n\r\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] bytes = out.toByteArray();
    Path file = dir.resolve("seed.csv");
    Files.write(file, bytes);

    assertEquals(FileChecksum.ofBytes(bytes), FileChecksum.ofFile(file));
  }

  @Test
  void lineEndingsDoNotChangeTheChecksumButContentDoes() throws Exception {
    Path crlf = Files.write(dir.resolve("crlf.csv"), "a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
    Path lf = Files.write(dir.resolve("lf.csv"), "a\nb\n".getBytes(StandardCharsets.US_ASCII));
    Path other = Files.write(dir.resolve("other.csv"), "a\nc\n".getBytes(StandardCharsets.US_ASCII));

    assertEquals(FileChecksum.ofFile(lf), FileChecksum.ofFile(crlf));
    assertNotEquals(FileChecksum.ofFile(lf), FileChecksum.ofFile(other));
  }
}
