package dev.mds.compile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mds.BuildStamp;
import dev.mds.CacheFile;
import dev.mds.Digest;
import dev.mds.graph.RefCall;
import dev.mds.graph.SourceCall;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The parse pass's results of the last run ({@code target/partial_parse.json}), so a model whose
 * file and every input its render could see are unchanged is not rendered again. An entry is used
 * only when the project-wide key (mds, project file, macros, docs, vars, target) matches, the
 * file's checksum matches, every environment variable the render read has the same value and the
 * placeholder schema is the same; anything unreadable counts as no cache. The file holds a digest
 * of each environment value read, never the value: it may be a token.
 */
final class ParseCache {

  static final String FILE = "partial_parse.json";
  /** 3: environment values stored as digests (2 held them in clear). */
  private static final int FORMAT = 3;

  /**
   * Tags that pull in text the key does not cover ({@code include}, {@code import},
   * {@code extends}, {@code from}) or register docs as a side effect: files using them always
   * render.
   */
  private static final Pattern UNCACHEABLE =
      Pattern.compile("\\{%-?\\s*(include|import|extends|from|docs)\\b");

  /**
   * A {@code ref()} call; the package is null when none was named, and the file is null when the
   * call is in the model's own file (almost always: left out, the file is a fifth smaller).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Ref(String packageName, String name, String file, int line) {
  }

  /** What rendering one model file produced. */
  record Entry(String checksum, List<Ref> refs, List<SourceCall> sources,
      Map<String, Object> config, List<String> macros, Map<String, String> envVars, String sql,
      String placeholderSchema, boolean introspective) {

    boolean complete() {
      return checksum != null && refs != null && sources != null && config != null
          && macros != null && envVars != null && sql != null && placeholderSchema != null
          && refs.stream().allMatch(r -> r != null && r.name() != null)
          && sources.stream().allMatch(s -> s != null && s.sourceName() != null
              && s.tableName() != null);
    }

    /** The calls, those without a file of their own made in {@code modelFile}. */
    List<RefCall> refCalls(String modelFile) {
      return refs.stream()
          .map(r -> new RefCall(Optional.ofNullable(r.packageName()), r.name(),
              r.file() != null ? r.file() : modelFile, r.line()))
          .toList();
    }
  }

  /** The file's layout. */
  record Stored(int format, String key, Map<String, Entry> models) {
  }

  // Config maps keep their order (the manifest shows it); only the key's vars are sorted.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private final Path file;
  private final String key;
  private final Map<String, Entry> previous;
  private final Map<String, Entry> current = new ConcurrentHashMap<>();
  private volatile boolean changed;

  private ParseCache(Path file, String key, Map<String, Entry> previous) {
    this.file = file;
    this.key = key;
    this.previous = previous;
    this.changed = previous.isEmpty();
  }

  /**
   * The last run's file as stored, whatever inputs it was built from; a damaged one is none. Half
   * of loading the cache, so it can run while another thread computes the key.
   */
  static Optional<Stored> read(Project project) {
    // A cache is only ever a shortcut: a damaged one means rendering every model, as with none.
    // Bound to records, unlike the smaller caches (CacheFile.entries): setting up the binding
    // costs ~70 ms once, but binding outruns a JSON tree on the 5-30 MB this file reaches.
    return CacheFile.read(project.targetDir().resolve(FILE), Stored.class, JSON)
        .filter(stored -> stored.format() == FORMAT && stored.key() != null
            && stored.models() != null
            && stored.models().values().stream().allMatch(e -> e != null && e.complete()));
  }

  /**
   * Sets up the mapper's binding of this file's records (~70 ms the first time in a JVM) on a
   * one-entry document, so reading the real file later starts at once.
   */
  static void warmUp() {
    String entry = "{\"checksum\":\"c\",\"refs\":[{\"packageName\":null,\"name\":\"a\","
        + "\"file\":\"f\",\"line\":1}],\"sources\":[{\"sourceName\":\"s\",\"tableName\":\"t\","
        + "\"file\":\"f\",\"line\":1}],\"config\":{\"k\":[1,2.5,true,\"v\",{\"m\":null}]},"
        + "\"macros\":[\"m\"],\"envVars\":{\"E\":\"v\"},\"sql\":\"select 1\","
        + "\"placeholderSchema\":\"main\"}";
    try {
      JSON.readValue("{\"format\":" + FORMAT + ",\"key\":\"k\",\"models\":{\"m.sql\":" + entry
          + "}}", Stored.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The cache from what {@link #read} found, used only if it was built under {@code key}. */
  static ParseCache of(Project project, String key, Optional<Stored> stored) {
    return new ParseCache(project.targetDir().resolve(FILE), key, stored
        .filter(s -> key.equals(s.key())).map(Stored::models).orElse(Map.of()));
  }

  /** The digest of every project-wide input a render can see (macros, vars, target, ...). */
  String key() {
    return key;
  }

  /** The last run's entry for {@code path} if it is still what rendering would produce now. */
  Optional<Entry> lookup(String path, String checksum, String placeholderSchema,
      Map<String, String> environment) {
    Entry entry = previous.get(path);
    if (entry == null || !entry.checksum().equals(checksum)
        || !entry.placeholderSchema().equals(placeholderSchema)) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> read : entry.envVars().entrySet()) {
      if (!Objects.equals(envDigest(read.getKey(), environment.get(read.getKey())),
          read.getValue())) {
        return Optional.empty();
      }
    }
    return Optional.of(entry);
  }

  /**
   * Records what a model file produced this run, to be written by {@link #write()}.
   *
   * @param perInvocation the render read the invocation's time or id: not kept, so the next
   *     command renders it again
   */
  void put(String path, Entry entry, String raw, boolean perInvocation) {
    Entry last = previous.get(path);
    if (perInvocation) {
      changed = true;
      return;
    }
    if (entry == last) {
      // Found by lookup: stored last time, and the file is the same, so it stays as it was.
      current.put(path, entry);
      return;
    }
    // SQL holding a secret (through target.path, say) is not stored: the file is left in clear.
    if (UNCACHEABLE.matcher(raw).find() || !plainJson(entry.config())
        || !dev.mds.Secrets.scrub(entry.sql()).equals(entry.sql())) {
      changed = true;
      return;
    }
    if (!entry.equals(last)) {
      changed = true;
    }
    current.put(path, entry);
  }

  /** What rendering {@code modelFile} (as messages name it) produced. */
  static Entry entry(String modelFile, String checksum, ParseContext context, String sql,
      String placeholderSchema) {
    List<Ref> refs = new ArrayList<>();
    for (RefCall ref : context.refs()) {
      refs.add(new Ref(ref.packageName().orElse(null), ref.name(),
          modelFile.equals(ref.file()) ? null : ref.file(), ref.line()));
    }
    return new Entry(checksum, refs, List.copyOf(context.sources()),
        new LinkedHashMap<>(context.config()), List.copyOf(context.macros()),
        envDigests(context.envVars()), sql, placeholderSchema, context.introspective());
  }

  /** What the file stores for each variable read: its value's digest, null when unset. */
  private static Map<String, String> envDigests(Map<String, String> values) {
    Map<String, String> digests = new TreeMap<>();
    values.forEach((name, value) -> digests.put(name, envDigest(name, value)));
    return digests;
  }

  /** Salted with the name, so equal values of two variables do not show as equal digests. */
  private static String envDigest(String name, String value) {
    return value == null ? null : Digest.of(name + "\0" + value);
  }

  /**
   * Writes this run's entries if they differ from the last run's, through a temporary file so a
   * reader never sees half a cache.
   */
  void write() throws IOException {
    // Equal sizes and one inside the other is equality, with half the lookups of Set.equals.
    if (!changed && current.size() == previous.size()
        && previous.keySet().containsAll(current.keySet())) {
      return;
    }
    CacheFile.write(file, new Stored(FORMAT, key, new TreeMap<>(current)));
  }

  /**
   * Config values that come back from JSON equal to what went in: strings, longs, doubles,
   * booleans, null, and lists and string-keyed maps of those (Pebble's own literal types).
   */
  private static boolean plainJson(Object value) {
    if (value == null || value instanceof String || value instanceof Long
        || value instanceof Double || value instanceof Boolean) {
      return true;
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(ParseCache::plainJson);
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .allMatch(e -> e.getKey() instanceof String && plainJson(e.getValue()));
    }
    return false;
  }

  /** SHA-256 over every input a render can see besides its own file and environment. */
  static String key(Project project, ProjectFiles files) {
    return key(project, files, List.of());
  }

  /** @param packageFiles the packages' macro files (installed ones are read like the project's) */
  static String key(Project project, ProjectFiles files, List<Path> packageFiles) {
    Digest digest = Digest.sha256();
    digest.add("mds " + FORMAT + " " + BuildStamp.of());
    digest.add(project.root().toAbsolutePath().normalize().toString());
    digest.add(ProjectFiles.read(project, project.projectFile()));
    List<Path> inputs = new ArrayList<>(files.macros());
    inputs.addAll(files.docs());
    inputs.addAll(packageFiles);
    for (Path input : inputs) {
      digest.add(project.display(input));
      digest.add(ProjectFiles.read(project, input));
    }
    try {
      digest.add(JSON.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .writeValueAsString(project.vars()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("vars read from YAML are always writable as JSON", e);
    }
    Target t = project.target();
    digest.add(String.join("\n", t.profileName(), t.name(), t.type(), t.schema(),
        t.databasePath().toString(), Integer.toString(t.threads())));
    // The catalogs decide how relations are written (see Relation): renders depend on them.
    digest.add(String.join("\n", t.catalogs()));
    return digest.hex();
  }
}
