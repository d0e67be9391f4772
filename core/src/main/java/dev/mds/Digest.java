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
  /** Room for a field's length prefix: up to ten digits and ':'. */
  private final byte[] prefix = new byte[11];

  /** Cloned for each new digest: looking the algorithm up among the providers costs more. */
  private static final MessageDigest PROTOTYPE = lookUp();

  private Digest() {
    sha256 = newSha256();
  }

  /** A fresh SHA-256 {@link MessageDigest} (one per thread: they are not thread-safe). */
  public static MessageDigest newSha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp();
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
    // The length in decimal digits, then ':', written backwards into a buffer of this digest's
    // (the same bytes as Integer.toString(length) + ":", without two objects per field).
    int at = prefix.length;
    prefix[--at] = ':';
    int length = bytes.length;
    do {
      prefix[--at] = (byte) ('0' + length % 10);
      length /= 10;
    } while (length > 0);
    sha256.update(prefix, at, prefix.length - at);
    sha256.update(bytes);
    return this;
  }

  /** The digest of every field added, in hex; the digest cannot be added to afterwards. */
  public String hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
