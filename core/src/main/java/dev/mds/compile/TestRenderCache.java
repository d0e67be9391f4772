package dev.mds.compile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mds.CacheFile;
import dev.mds.Digest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generic tests' SQL as the last compile rendered it ({@code target/partial_compile.json}). A
 * test's SQL is a function of its test macro, its arguments (the tested relation among them), its
 * own relation and the project-wide inputs that {@link ParseCache}'s key covers (macros, vars,
 * target); an entry is reused when all of them are unchanged. Renders that called {@code ref()},
 * {@code source()} or {@code env_var()} from inside the test macro are not stored.
 */
final class TestRenderCache {

  static final String FILE = "partial_compile.json";
  private static final int FORMAT = 1;
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** One test's render and the digest of everything it was rendered from. */
  record Entry(String input, String sql) {
  }

  /** The file's layout. */
  record Stored(int format, String key, Map<String, Entry> tests) {
  }

  private final Path file;
  private final String key;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current;
  private volatile boolean changed;

  private TestRenderCache(Path file, String key, Map<String, Entry> previous) {
    this.file = file;
    this.key = key;
    this.previous = previous;
    // Tests outside this compile's selection keep their entries.
    this.current = new ConcurrentHashMap<>(previous);
  }

  /** The cache under {@code targetDir} if it was written under the same project-wide key. */
  static TestRenderCache load(Path targetDir, String key) {
    Path file = targetDir.resolve(FILE);
    Map<String, Entry> previous = CacheFile.read(file, Stored.class)
        .filter(stored -> stored.format() == FORMAT && key.equals(stored.key())
            && stored.tests() != null && stored.tests().values().stream()
                .allMatch(e -> e != null && e.input() != null && e.sql() != null))
        .map(Stored::tests)
        .orElse(Map.of());
    return new TestRenderCache(file, key, previous);
  }

  /**
   * The digest of a test's render inputs, or empty when an argument is not plain data (JSON
   * could not tell two such values apart).
   */
  static Optional<String> input(String testName, Map<String, Object> arguments, String self) {
    try {
      return Optional.of(Digest.sha256().add(testName).add(self)
          .add(CANONICAL.writeValueAsBytes(plain(arguments))).hex());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Checks that {@code value} is strings, numbers, booleans, nulls, lists and maps only. */
  private static Object plain(Object value) {
    if (value == null || value instanceof String || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof java.util.List<?> list) {
      list.forEach(TestRenderCache::plain);
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        if (!(k instanceof String)) {
          throw new IllegalArgumentException("a key that is not text");
        }
        plain(v);
      });
      return value;
    }
    throw new IllegalArgumentException("not plain data: " + value.getClass().getName());
  }

  Optional<String> lookup(String testId, String input) {
    Entry entry = previous.get(testId);
    if (entry == null || !entry.input().equals(input)) {
      return Optional.empty();
    }
    return Optional.of(entry.sql());
  }

  void put(String testId, String input, String sql) {
    Entry entry = new Entry(input, sql);
    if (!entry.equals(previous.get(testId))) {
      changed = true;
    }
    current.put(testId, entry);
  }

  /**
   * Writes the entries if they changed, keeping only tests among {@code testIds}; failing to is
   * not an error.
   */
  void write(java.util.Set<String> testIds) {
    if (current.keySet().retainAll(testIds)) {
      changed = true;
    }
    if (!changed) {
      return;
    }
    CacheFile.writeQuietly(file, new Stored(FORMAT, key, new TreeMap<>(current)));
  }
}
