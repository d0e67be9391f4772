package dev.mds.compile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 of a file's text with line endings normalised, so checkouts on any OS agree. */
public final class FileChecksum {

  private FileChecksum() {
  }

  /** For files whose encoding is not known (seeds): CR LF and lone CR count as LF. */
  public static String ofBytes(byte[] bytes) {
    java.io.ByteArrayOutputStream normalised = new java.io.ByteArrayOutputStream(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r') {
        normalised.write('\n');
        if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
          i++;
        }
      } else {
        normalised.write(bytes[i]);
      }
    }
    return sha256(normalised.toByteArray());
  }

  /**
   * {@link #ofBytes} of a file's contents, read a buffer at a time: seeds can be far larger than
   * the heap.
   */
  public static String ofFile(Path file) throws IOException {
    MessageDigest digest = dev.mds.Digest.newSha256();
    byte[] in = new byte[1 << 16];
    byte[] out = new byte[1 << 16];
    boolean afterCr = false;
    try (InputStream stream = Files.newInputStream(file)) {
      for (int n; (n = stream.read(in)) > 0; ) {
        int length = 0;
        for (int i = 0; i < n; i++) {
          byte b = in[i];
          if (afterCr && b == '\n') {
            afterCr = false;
            continue;
          }
          afterCr = b == '\r';
          out[length++] = afterCr ? (byte) '\n' : b;
        }
        digest.update(out, 0, length);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String of(String text) {
    return sha256(text.replace("\r\n", "\n").replace('\r', '\n')
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(dev.mds.Digest.newSha256().digest(bytes));
  }
}
