package dev.mds.compile;

import dev.mds.BuildStamp;
import dev.mds.CacheFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Seeds' checksums from the last parse ({@code target/partial_seeds.json}). A seed can be
 * hundreds of megabytes (a 188 MB CSV took ~2.8 s to hash, on every command), so a large one is
 * hashed again only when its size, modification time or file identity (inode) changed since it
 * was last hashed, as {@code make} and git's index decide. dbt, for comparison, never hashes a
 * seed over 1 MiB and treats it as unchanged.
 *
 * <p>A file modified within {@link #RACY_MILLIS} of being hashed is hashed again next time: on a
 * file system with coarse timestamps (FAT's are 2 s) a second change in the same tick would keep
 * its time. Seeds below {@link #ALWAYS_HASH_BELOW} bytes are always hashed; that costs little.
 * The checksum only feeds {@code manifest.json}, {@code state:modified} and the partial-key
 * check's cache: {@code mds seed} always loads the file itself.
 */
final class SeedChecksums {

  static final String FILE = "partial_seeds.json";
  static final long ALWAYS_HASH_BELOW = 1 << 20;
  static final long RACY_MILLIS = 2_000;
  private static final int FORMAT = 1;

  /** One file as last hashed: the attributes that identify its version, and when it was hashed. */
  record Entry(long size, String modified, String fileKey, long hashedAt, String checksum) {
  }

  private final Path file;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current = new TreeMap<>();
  private boolean changed;

  private SeedChecksums(Path file, Map<String, Entry> previous) {
    this.file = file;
    this.previous = previous;
  }

  /** No cache: every seed is hashed, nothing is written ({@code --no-partial-parse}). */
  static SeedChecksums none() {
    return new SeedChecksums(null, Map.of());
  }

  /** The cache under {@code targetDir}; empty when missing, unreadable or from another build. */
  static SeedChecksums load(Path targetDir) {
    Path file = targetDir.resolve(FILE);
    Map<String, Entry> previous = CacheFile.entries(file, FORMAT, BuildStamp.of(), node -> {
      String modified = node.path("modified").textValue();
      String checksum = node.path("checksum").textValue();
      return modified == null || checksum == null ? null : new Entry(node.path("size").asLong(-1),
          modified, node.path("fileKey").textValue(), node.path("hashedAt").asLong(0), checksum);
    });
    return new SeedChecksums(file, previous);
  }

  /**
   * The checksum of {@code seed} ({@link FileChecksum#ofFile}); {@code name} is its path in the
   * project, the cache's key.
   */
  String checksum(Path seed, String name) throws IOException {
    BasicFileAttributes before = Files.readAttributes(seed, BasicFileAttributes.class);
    if (file == null || before.size() < ALWAYS_HASH_BELOW) {
      return FileChecksum.ofFile(seed);
    }
    Entry last = previous.get(name);
    if (last != null && sameVersion(last, before)
        && last.hashedAt() - before.lastModifiedTime().toMillis() >= RACY_MILLIS) {
      keep(name, last);
      return last.checksum();
    }
    long hashedAt = System.currentTimeMillis();
    String checksum = FileChecksum.ofFile(seed);
    BasicFileAttributes after = Files.readAttributes(seed, BasicFileAttributes.class);
    Entry entry = new Entry(before.size(), before.lastModifiedTime().toString(),
        String.valueOf(before.fileKey()), hashedAt, checksum);
    // Written to while being read: the checksum may mix two versions, so it is not kept.
    if (sameVersion(entry, after)) {
      keep(name, entry);
    }
    return checksum;
  }

  private static boolean sameVersion(Entry entry, BasicFileAttributes attributes) {
    return entry.size() == attributes.size()
        && entry.modified().equals(attributes.lastModifiedTime().toString())
        && Objects.equals(entry.fileKey(), String.valueOf(attributes.fileKey()));
  }

  private synchronized void keep(String name, Entry entry) {
    current.put(name, entry);
    if (!entry.equals(previous.get(name))) {
      changed = true;
    }
  }

  /** Writes the entries of the seeds hashed or kept this parse, if any changed or went away. */
  synchronized void write() {
    if (file == null || !changed && current.keySet().equals(previous.keySet())) {
      return;
    }
    CacheFile.writeEntries(file, FORMAT, BuildStamp.of(), current);
  }
}
