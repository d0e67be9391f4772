package dev.mds.lineage;

import dev.mds.BuildStamp;
import dev.mds.CacheFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The models the last partial-key check found clean ({@code target/partial_key_checks.json}), each
 * with what that result depended on: the relations its SQL named and how they resolved, and every
 * model, seed or source whose columns or grain the check consulted (transitively, through the
 * lineage of parents). A model is checked again only when its fingerprint over its own SQL and
 * those dependencies differs. Models with warnings are not stored: they are checked every time.
 */
final class CheckCache {

  static final String FILE = "partial_key_checks.json";
  private static final int FORMAT = 2;

  /** A clean model: the fingerprint it was checked under and the dependencies that went in. */
  record Entry(String fingerprint, List<String> depends) {
  }

  private final Path file;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current;
  private boolean changed;

  private CheckCache(Path file, Map<String, Entry> previous) {
    this.file = file;
    this.previous = previous;
    this.current = new TreeMap<>(previous);
  }

  /** No cache: every model is checked and nothing is written. */
  static CheckCache none() {
    return new CheckCache(null, Map.of());
  }

  /** The cache under {@code targetDir}; empty when missing, unreadable or from another build. */
  static CheckCache load(Path targetDir) {
    Path file = targetDir.resolve(FILE);
    Map<String, Entry> previous = CacheFile.entries(file, FORMAT, BuildStamp.of(), node -> {
      String fingerprint = node.path("fingerprint").textValue();
      List<String> depends = CacheFile.strings(node.path("depends"));
      return fingerprint == null || depends == null ? null : new Entry(fingerprint, depends);
    });
    return new CheckCache(file, previous);
  }

  /** What the model's last clean check depended on, if it was clean. */
  Optional<Entry> previous(String modelId) {
    return Optional.ofNullable(previous.get(modelId));
  }

  /** Records that the model is clean under {@code fingerprint}. */
  void clean(String modelId, String fingerprint, Set<String> depends) {
    Entry entry = new Entry(fingerprint, List.copyOf(new java.util.TreeSet<>(depends)));
    if (!entry.equals(current.put(modelId, entry))) {
      changed = true;
    }
  }

  /** Forgets the model: it has warnings now, or its result cannot be reused. */
  void forget(String modelId) {
    if (current.remove(modelId) != null) {
      changed = true;
    }
  }

  /** Drops models no longer in the project. */
  void retain(Set<String> modelIds) {
    if (current.keySet().retainAll(modelIds)) {
      changed = true;
    }
  }

  /** Writes the cache when it changed; failing to is not an error (it only saves time). */
  void write() {
    if (file == null || !changed) {
      return;
    }
    CacheFile.writeEntries(file, FORMAT, BuildStamp.of(), current);
  }
}
