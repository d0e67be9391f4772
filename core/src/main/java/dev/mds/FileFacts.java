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
 * Files below {@link #ALWAYS_READ_BELOW} bytes are always read, where that costs little.
 */
public final class FileFacts {

  public static final long ALWAYS_READ_BELOW = 1 << 20;
  static final long RACY_MILLIS = 2_000;
  private static final int FORMAT = 1;
  /** Between a file's path and an aspect in an entry's name (no path holds it). */
  private static final String ASPECT = "\u0000";

  /** What computes a fact from the file's content. */
  @FunctionalInterface
  public interface Reading {
    String of(Path file) throws IOException;
  }

  /** A fact about one version of a file: what identifies the version, and when it was read. */
  record Entry(long size, String modified, String fileKey, long readAt, String fact) {
  }

  private final Path cache;
  private final long alwaysReadBelow;
  private Map<String, Entry> entries;
  private boolean changed;

  private FileFacts(Path cache, long alwaysReadBelow) {
    this.cache = cache;
    this.alwaysReadBelow = alwaysReadBelow;
  }

  /** No cache: every fact is read from its file ({@code --no-partial-parse}). */
  public static FileFacts none() {
    return new FileFacts(null, 0);
  }

  /**
   * Facts about files of {@link #ALWAYS_READ_BELOW} bytes or more, kept in {@code cache} (read on
   * first use, written by {@link #save}).
   */
  public static FileFacts in(Path cache) {
    return new FileFacts(cache, ALWAYS_READ_BELOW);
  }

  /**
   * Like {@link #in}, for files of any size: for facts that cost about the same whatever the
   * size (starting DuckDB to sniff a CSV file's sample).
   */
  public static FileFacts ofAnySize(Path cache) {
    return new FileFacts(cache, 0);
  }

  /**
   * The fact about {@code file}: the one kept for its current version, or {@code reading} it
   * (and keeping the result).
   */
  public String of(Path file, Reading reading) throws IOException {
    return of(file, "", reading);
  }

  /**
   * {@link #of(Path, Reading)} for one {@code aspect} of the file among several kept (the fact
   * depends on the aspect too, such as the options a CSV file is read with).
   */
  public String of(Path file, String aspect, Reading reading) throws IOException {
    BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
    if (cache == null || before.size() < alwaysReadBelow) {
      return reading.of(file);
    }
    String path = file.toAbsolutePath().normalize().toString();
    String name = aspect.isEmpty() ? path : path + ASPECT + aspect;
    synchronized (this) {
      Entry last = entries().get(name);
      if (last != null && sameVersion(last, before)
          && last.readAt() - before.lastModifiedTime().toMillis() >= RACY_MILLIS) {
        return last.fact();
      }
    }
    // Read outside the lock: run workers load seeds side by side.
    long readAt = System.currentTimeMillis();
    String fact = reading.of(file);
    Entry entry = new Entry(before.size(), before.lastModifiedTime().toString(),
        String.valueOf(before.fileKey()), readAt, fact);
    // Written to while being read: the fact may mix two versions, so it is not kept.
    if (sameVersion(entry, Files.readAttributes(file, BasicFileAttributes.class))) {
      synchronized (this) {
        entries.put(name, entry);
        changed = true;
      }
    }
    return fact;
  }

  /**
   * Writes the facts read anew since the last save, if any (once per command, not per fact: a
   * project can have hundreds of seeds); failing to is not an error.
   */
  public synchronized void save() {
    if (cache == null || !changed) {
      return;
    }
    // Files that are gone take their entries with them.
    entries.keySet().removeIf(kept -> !Files.exists(Path.of(kept.split(ASPECT, 2)[0])));
    CacheFile.writeEntries(cache, FORMAT, BuildStamp.of(), entries);
    changed = false;
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
