package dev.mds;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The JSON files under {@code target/} that let a run reuse the last one's work. Reading one
 * never fails (a missing or damaged cache is no cache); writing goes through a temporary file, so
 * a reader never sees half of one.
 */
public final class CacheFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CacheFile() {
  }

  /**
   * The layout most caches share: a format number, the stamp their entries hold for (the mds
   * build, or a digest of every input the entries depend on), and the entries by name.
   */
  public record Entries<E>(int format, String stamp, Map<String, E> entries) {
  }

  /** The file's content, or empty when it is missing or cannot be read as {@code type}. */
  public static <T> Optional<T> read(Path file, Class<T> type) {
    return read(file, type, JSON);
  }

  /** {@link #read(Path, Class)} with a mapper of the caller's settings. */
  public static <T> Optional<T> read(Path file, Class<T> type, ObjectMapper mapper) {
    return read(file, mapper.constructType(type), mapper);
  }

  private static <T> Optional<T> read(Path file, JavaType type, ObjectMapper mapper) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.readValue(file.toFile(), type));
    } catch (IOException | RuntimeException damaged) {
      return Optional.empty();
    }
  }

  /**
   * The entries of an {@link Entries} file written in {@code format} under {@code stamp}, each of
   * them {@code complete}; none when the file is missing, damaged or from other inputs.
   */
  public static <E> Map<String, E> entries(Path file, Class<E> entryType, int format,
      String stamp, Predicate<E> complete) {
    Optional<Entries<E>> stored = read(file,
        JSON.getTypeFactory().constructParametricType(Entries.class, entryType), JSON);
    return stored
        .filter(s -> s.format() == format && stamp.equals(s.stamp()) && s.entries() != null
            && s.entries().values().stream().allMatch(e -> e != null && complete.test(e)))
        .map(Entries::entries)
        .orElse(Map.of());
  }

  /** Writes {@code entries} as an {@link Entries} file, quietly ({@link #writeQuietly}). */
  public static <E> void writeEntries(Path file, int format, String stamp,
      Map<String, E> entries) {
    writeQuietly(file, new Entries<>(format, stamp, entries));
  }

  /** Replaces the file with {@code value} as JSON, atomically. */
  public static void write(Path file, Object value) throws IOException {
    Files.createDirectories(file.getParent());
    // Not createTempFile: its owner-only permissions would stick to the file after the move.
    Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".tmp");
    try {
      JSON.writeValue(temp.toFile(), value);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@link #write}, for a cache whose loss only costs time: a failure is ignored. */
  public static void writeQuietly(Path file, Object value) {
    try {
      write(file, value);
    } catch (IOException | RuntimeException e) {
      // The next run recomputes what this file would have saved.
    }
  }
}
