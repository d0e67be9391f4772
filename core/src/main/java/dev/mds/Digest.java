package dev.mds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of fields, for the keys of the caches under {@code target/}. Each field
 * is prefixed with its length, so ("ab", "c") and ("a", "bc") digest differently.
 */
public final class Digest {

  private final MessageDigest sha256;

  private Digest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public static Digest sha256() {
    return new Digest();
  }

  /** The hex SHA-256 of one text, as a single field. */
  public static String of(String text) {
    return sha256().add(text).hex();
  }

  /** Adds a text field (UTF-8). */
  public Digest add(String text) {
    return add(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a field of raw bytes. */
  public Digest add(byte[] bytes) {
    sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) ':');
    sha256.update(bytes);
    return this;
  }

  /** The digest of every field added, in hex; the digest cannot be added to afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
