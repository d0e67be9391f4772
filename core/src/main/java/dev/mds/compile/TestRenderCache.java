package dev.mds.compile;

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
  private static final int FORMAT = 3;

  /** One test's render and the digest of everything it was rendered from. */
  record Entry(String input, String sql) {
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
    Map<String, Entry> previous = CacheFile.entries(file, FORMAT, key, node -> {
      String input = node.path("input").textValue();
      String sql = node.path("sql").textValue();
      return input == null || sql == null ? null : new Entry(input, sql);
    });
    return new TestRenderCache(file, key, previous);
  }

  /**
   * The digest of a test's render inputs, or empty when an argument is not plain data (only
   * plain data can be told apart by value).
   */
  static Optional<String> input(String testName, Map<String, Object> arguments, String self) {
    Digest digest = Digest.sha256().add(testName).add(self);
    try {
      addPlain(digest, arguments);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(digest.hex());
  }

  /**
   * Adds strings, numbers, booleans, nulls, lists and maps (keys sorted), each field tagged with
   * its kind and lists and maps with their size, so that different values never digest alike.
   * (Straight into the digest: serializing to canonical JSON first cost ~0.1 ms a test.)
   */
  private static void addPlain(Digest digest, Object value) {
    if (value == null) {
      digest.add("null");
    } else if (value instanceof String text) {
      digest.add("str").add(text);
    } else if (value instanceof Number || value instanceof Boolean) {
      digest.add(value.getClass().getName()).add(value.toString());
    } else if (value instanceof java.util.List<?> list) {
      digest.add("list").add(Integer.toString(list.size()));
      list.forEach(item -> addPlain(digest, item));
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> {
        if (!(k instanceof String key)) {
          throw new IllegalArgumentException("a key that is not text");
        }
        sorted.put(key, v);
      });
      digest.add("map").add(Integer.toString(sorted.size()));
      sorted.forEach((k, v) -> addPlain(digest.add(k), v));
    } else if (value instanceof dev.mds.template.ThisRelation.RelationLike relation) {
      // The model a test reads: its parts and how it renders.
      digest.add("relation").add(String.valueOf(relation.attribute("database")))
          .add(String.valueOf(relation.attribute("schema")))
          .add(String.valueOf(relation.attribute("identifier"))).add(relation.toString());
    } else {
      throw new IllegalArgumentException("not plain data: " + value.getClass().getName());
    }
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
    CacheFile.writeEntries(file, FORMAT, key, new TreeMap<>(current));
  }
}
