package dev.mds.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

  public static String of(String text) {
    return sha256(text.replace("\r\n", "\n").replace('\r', '\n')
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
