package dev.mds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Facts that take reading a whole file (a seed's checksum, a CSV export's encoding), kept in a
 * cache file under {@code target/} while the file's size, modification time and identity (inode)
 * stay the same, as {@code make} and git's index decide. Seeds and extracts run to gigabytes,
 * often on network drives, and every command needed these facts: a 188 MB seed took ~2.8 s to hash
 * each time.
 *
 * <p>A file modified within {@link #RACY_MILLIS} of being read is read again next time: on a file
 * system with coarse timestamps (FAT's are 2 s) a second change in the same tick keeps the time.
 * Files below {@link #ALWAYS_READ_BELOW} bytes are always read; that costs little.
 */
public final class FileFacts {

  public static final long ALWAYS_READ_BELOW = 1 << 20;
  static final long RACY_MILLIS = 2_000;
  private static final int FORMAT = 1;

  /** What computes a fact from the file's content. */
  @FunctionalInterface
  public interface Reading {
    String of(Path file) throws IOException;
  }

  /** A fact about one version of a file: what identifies the version, and when it was read. */
  record Entry(long size, String modified, String fileKey, long readAt, String fact) {
  }

  private final Path cache;
  private Map<String, Entry> entries;

  private FileFacts(Path cache) {
    this.cache = cache;
  }

  /** No cache: every fact is read from its file ({@code --no-partial-parse}). */
  public static FileFacts none() {
    return new FileFacts(null);
  }

  /** Facts kept in {@code cache} (read on first use; written whenever a fact is read anew). */
  public static FileFacts in(Path cache) {
    return new FileFacts(cache);
  }

  /**
   * The fact about {@code file}: the one kept for its current version, or {@code reading} it
   * (and keeping the result).
   */
  public synchronized String of(Path file, Reading reading) throws IOException {
    BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
    if (cache == null || before.size() < ALWAYS_READ_BELOW) {
      return reading.of(file);
    }
    String name = file.toAbsolutePath().normalize().toString();
    Entry last = entries().get(name);
    if (last != null && sameVersion(last, before)
        && last.readAt() - before.lastModifiedTime().toMillis() >= RACY_MILLIS) {
      return last.fact();
    }
    long readAt = System.currentTimeMillis();
    String fact = reading.of(file);
    Entry entry = new Entry(before.size(), before.lastModifiedTime().toString(),
        String.valueOf(before.fileKey()), readAt, fact);
    // Written to while being read: the fact may mix two versions, so it is not kept.
    if (sameVersion(entry, Files.readAttributes(file, BasicFileAttributes.class))) {
      entries.put(name, entry);
      // Files that are gone take their entries with them.
      entries.keySet().removeIf(kept -> !Files.exists(Path.of(kept)));
      CacheFile.writeEntries(cache, FORMAT, BuildStamp.of(), entries);
    }
    return fact;
  }

  private Map<String, Entry> entries() {
    if (entries == null) {
      entries = new TreeMap<>(CacheFile.entries(cache, FORMAT, BuildStamp.of(), node -> {
        String modified = node.path("modified").textValue();
        String fact = node.path("fact").textValue();
        return modified == null || fact == null ? null : new Entry(node.path("size").asLong(-1),
            modified, node.path("fileKey").textValue(), node.path("readAt").asLong(0), fact);
      }));
    }
    return entries;
  }

  private static boolean sameVersion(Entry entry, BasicFileAttributes attributes) {
    return entry.size() == attributes.size()
        && entry.modified().equals(attributes.lastModifiedTime().toString())
        && Objects.equals(entry.fileKey(), String.valueOf(attributes.fileKey()));
  }
}
