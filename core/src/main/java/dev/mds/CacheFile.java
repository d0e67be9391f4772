package dev.mds;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The JSON files under {@code target/} that let a run reuse the last one's work. Reading one
 * never fails (a missing or damaged cache is no cache); writing goes through a temporary file, so
 * a reader never sees half of one.
 */
public final class CacheFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CacheFile() {
  }

  /** The file's content, or empty when it is missing or cannot be read as {@code type}. */
  public static <T> Optional<T> read(Path file, Class<T> type) {
    return read(file, type, JSON);
  }

  /** {@link #read(Path, Class)} with a mapper of the caller's settings. */
  public static <T> Optional<T> read(Path file, Class<T> type, ObjectMapper mapper) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.readValue(file.toFile(), type));
    } catch (IOException | RuntimeException damaged) {
      return Optional.empty();
    }
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
