package dev.mds.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mds.BuildStamp;
import dev.mds.CacheFile;
import dev.mds.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schema YAML as the last parse read it ({@code target/partial_parse_yaml.json}), keyed by each
 * file's SHA-256: SnakeYAML needs ~0.3 s for the 10,000 model entries of a large project, the
 * same content read back as JSON a tenth of that. A file is cached only when its content comes
 * back from JSON equal to what SnakeYAML produced (plain maps, lists, strings, numbers,
 * booleans), so a read through the cache is indistinguishable from a parse.
 */
public final class YamlCache {

  static final String FILE = "partial_parse_yaml.json";
  private static final int FORMAT = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One file's content and the checksum of the text it was parsed from. */
  record Entry(String checksum, Map<String, Object> content) {
  }

  private final Path file;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  /**
   * Every file parsed by this run, cached or not: the schema loader and the config-key check
   * both read each schema file, and on a first parse (nothing in {@link #previous}) the second
   * read would run SnakeYAML again over the same text. Neither changes the maps it is given.
   */
  private final Map<String, Map<String, Object>> parsedNow = new ConcurrentHashMap<>();
  private volatile boolean changed;

  private YamlCache(Path file, Map<String, Entry> previous) {
    this.file = file;
    this.previous = previous;
  }

  /** No cache: every file is parsed (for {@code --no-partial-parse}). */
  public static YamlCache none() {
    return new YamlCache(null, Map.of());
  }

  /** The cache under {@code targetDir}, empty when missing, unreadable or from another build. */
  public static YamlCache load(Path targetDir) {
    Path file = targetDir.resolve(FILE);
    Map<String, Entry> previous = CacheFile.entries(file, FORMAT, BuildStamp.of(), node -> {
      String checksum = node.path("checksum").textValue();
      Map<String, Object> content = CacheFile.plainMap(node.path("content"), false);
      return checksum == null || content == null ? null : new Entry(checksum, content);
    });
    return new YamlCache(file, previous);
  }

  /** The top-level mapping of {@code path}, from the cache when its text is unchanged. */
  public Map<String, Object> readMap(YamlReader reader, Path path) {
    String display = reader.display(path);
    if (file != null) {
      Map<String, Object> parsed = parsedNow.get(display);
      if (parsed != null) {
        return parsed;
      }
    }
    String text = reader.readText(path);
    if (file == null) {
      return YamlReader.parseMap(text, display);
    }
    String checksum = Digest.of(text);
    Entry entry = previous.get(display);
    if (entry != null && entry.checksum().equals(checksum)) {
      current.put(display, entry);
      parsedNow.put(display, entry.content());
      return entry.content();
    }
    Map<String, Object> content = YamlReader.parseMap(text, display);
    changed = true;
    if (roundTrips(content)) {
      current.put(display, new Entry(checksum, content));
    }
    parsedNow.put(display, content);
    return content;
  }

  private static boolean roundTrips(Map<String, Object> content) {
    if (plainly(content, 0)) {
      return true;
    }
    try {
      return Objects.equals(content,
          CacheFile.plain(JSON.readTree(JSON.writeValueAsBytes(content)), false));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether {@code value} is made only of what JSON gives back as it was: maps with string keys,
   * lists, strings without surrogates, {@code Integer}s, booleans and nulls. Anything else (a
   * {@code Long}, a double, a date, a set) is left to the round trip itself. Walking the content
   * costs a fraction of writing and reading it back (a first parse of 10,000 models' YAML).
   * Deep nesting (YAML aliases can make a list hold itself) is also left to the round trip.
   */
  private static boolean plainly(Object value, int depth) {
    if (depth > 64) {
      return false;
    }
    if (value == null || value instanceof Integer || value instanceof Boolean) {
      return true;
    }
    if (value instanceof String text) {
      for (int i = 0; i < text.length(); i++) {
        if (Character.isSurrogate(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof java.util.LinkedHashMap<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key) || !plainly(key, depth + 1)
            || !plainly(entry.getValue(), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof java.util.ArrayList<?> list) {
      for (Object item : list) {
        if (!plainly(item, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Writes what this parse read, if it differs from the file; failing to is not an error. */
  public void write() {
    if (file == null || !changed && current.keySet().equals(previous.keySet())) {
      return;
    }
    CacheFile.writeEntries(file, FORMAT, BuildStamp.of(), new TreeMap<>(current));
  }
}
