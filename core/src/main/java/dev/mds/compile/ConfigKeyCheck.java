package dev.mds.compile;

import dev.mds.MdsException;
import dev.mds.project.KnownConfigKeys;
import dev.mds.project.KnownConfigKeys.Kind;
import dev.mds.project.NodeConfig;
import dev.mds.project.Project;
import dev.mds.project.ProjectFiles;
import dev.mds.project.YamlCache;
import dev.mds.project.YamlReader;
import dev.mds.project.YamlValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds config keys no resource takes ({@code materialised}) in the root project's
 * {@code config()} calls, schema YAML and project-file folder configs, and the keys mds accepts
 * but does not act on ({@code grants}). dbt reads an unknown key silently as a custom config, so a
 * typo there changes nothing and nobody notices; mds says so, naming the file, the line where it
 * can find it, and the nearest known key. Installed packages are not checked: their authors, not
 * the project's, would have to fix them. Called from several parse threads at once.
 */
final class ConfigKeyCheck {

  private final Set<String> warnings = new LinkedHashSet<>();
  /**
   * Ignored key to the files using it, both sorted: the checks run on several threads, and the
   * note must read the same on every run.
   */
  private final Map<String, java.util.TreeSet<String>> ignoredUsed = new java.util.TreeMap<>();

  synchronized ConfigKeyReport report() {
    List<String> notes = new ArrayList<>();
    if (!ignoredUsed.isEmpty()) {
      List<String> parts = new ArrayList<>();
      ignoredUsed.forEach((key, files) -> parts.add(key + " (" + KnownConfigKeys.IGNORED.get(key)
          + "; " + (files.size() == 1 ? "in " + files.first()
              : "in " + files.first() + " and " + (files.size() - 1) + " more") + ")"));
      notes.add("mds accepts but ignores these configs: " + String.join(", ", parts));
    }
    // Found on several threads: sorted by file, then line, so every run prints the same order.
    List<String> sorted = new ArrayList<>(warnings);
    sorted.sort(java.util.Comparator.comparing((String w) -> w.substring(0, w.indexOf(": ")
        ).replaceFirst(":\\d+$", "")).thenComparingInt(ConfigKeyCheck::lineIn));
    return new ConfigKeyReport(sorted, notes);
  }

  /**
   * A {@code config(...)} call's keys.
   *
   * @param raw the file's text, to find the line of a key
   */
  void configCall(Kind kind, String file, String raw, Map<String, ?> config) {
    config.forEach((rawKey, value) -> {
      String key = String.valueOf(rawKey);
      if (!known(kind, key, file)) {
        int line = lineOf(raw, Pattern.compile("\\b" + Pattern.quote(key) + "\\s*="), 0);
        warn(file, line, key, kind);
      }
    });
  }

  /** Every schema YAML file of the project (files that do not read are reported elsewhere). */
  void schemaFiles(ProjectFiles files, YamlReader yaml, YamlCache cache) {
    for (Path path : files.schemaFiles()) {
      Map<String, Object> doc;
      try {
        doc = cache.readMap(yaml, path);
      } catch (MdsException e) {
        continue;
      }
      schemaFile(yaml.display(path), () -> yaml.readText(path), doc);
    }
  }

  private void schemaFile(String file, java.util.function.Supplier<String> text,
      Map<String, Object> doc) {
    YamlFile yamlFile = new YamlFile(file, text);
    for (String section : List.of("models", "seeds", "snapshots")) {
      Kind kind = section.equals("models") ? Kind.MODEL
          : section.equals("seeds") ? Kind.SEED : Kind.SNAPSHOT;
      for (Map<String, Object> entry : entries(doc.get(section))) {
        node(yamlFile, kind, entry);
        for (Map<String, Object> version : entries(YamlValues.list(entry.get("versions")))) {
          configMap(yamlFile, Kind.MODEL, version.get("config"));
          columns(yamlFile, version.get("columns"));
        }
      }
    }
    for (Map<String, Object> source : entries(doc.get("sources"))) {
      properties(yamlFile, source, KnownConfigKeys.nodeProperties(Kind.SOURCE), "source");
      configMap(yamlFile, Kind.SOURCE, source.get("config"));
      for (Map<String, Object> table : entries(source.get("tables"))) {
        properties(yamlFile, table, KnownConfigKeys.nodeProperties(Kind.SOURCE), "source table");
        configMap(yamlFile, Kind.SOURCE, table.get("config"));
        columns(yamlFile, table.get("columns"));
        tests(yamlFile, table);
      }
    }
    for (Map<String, Object> unitTest : entries(doc.get("unit_tests"))) {
      configMap(yamlFile, Kind.UNIT_TEST, unitTest.get("config"));
    }
    for (Map<String, Object> analysis : entries(doc.get("analyses"))) {
      configMap(yamlFile, Kind.ANALYSIS, analysis.get("config"));
    }
  }

  private void node(YamlFile file, Kind kind, Map<String, Object> entry) {
    String what = kind.name().toLowerCase(java.util.Locale.ROOT);
    properties(file, entry, KnownConfigKeys.nodeProperties(kind), what);
    configMap(file, kind, entry.get("config"));
    columns(file, entry.get("columns"));
    tests(file, entry);
  }

  private void columns(YamlFile file, Object columns) {
    for (Map<String, Object> column : entries(columns)) {
      properties(file, column, KnownConfigKeys.columnProperties(), "column");
      tests(file, column);
    }
  }

  /** The {@code config:} of each generic test; its other keys are the test's arguments. */
  private void tests(YamlFile file, Map<String, Object> owner) {
    for (String key : List.of("tests", "data_tests")) {
      for (Object test : YamlValues.list(owner.get(key))) {
        if (!(test instanceof Map<?, ?> map)) {
          continue;
        }
        Object config = map.get("config");
        if (config == null && map.size() == 1) {
          Object arguments = map.values().iterator().next();
          config = arguments instanceof Map<?, ?> args ? args.get("config") : null;
        }
        configMap(file, Kind.TEST, config);
      }
    }
  }

  private void properties(YamlFile file, Map<String, Object> entry, Set<String> known,
      String what) {
    for (String key : entry.keySet()) {
      if (!known.contains(key)) {
        // A column's 'type:' is a common slip for data_type (too far apart for the edit distance).
        String hint = key.equals("type") && known.contains("data_type")
            ? "; did you mean 'data_type'?" : ClosestName.hint(key, known);
        warnings(file.name() + lineSuffix(file.line(key)) + ": unknown " + what + " property '"
            + key + "'" + (hint.isEmpty() ? " (custom keys belong under meta:)" : hint));
      }
    }
  }

  private void configMap(YamlFile file, Kind kind, Object config) {
    if (!(config instanceof Map<?, ?> map)) {
      return;
    }
    for (Object rawKey : map.keySet()) {
      String key = String.valueOf(rawKey);
      if (!known(kind, key, file.name())) {
        warn(file.name(), file.line(key), key, kind);
      }
    }
  }

  /** The folder configs of the project file: {@code +key}s, and non-mapping keys without one. */
  void projectFile(Project project) {
    Map<String, Object> raw = project.config().raw();
    if (raw == null) {
      return;
    }
    String file = project.display(project.projectFile());
    YamlFile yamlFile = new YamlFile(file, () -> {
      try {
        return java.nio.file.Files.readString(project.projectFile());
      } catch (java.io.IOException e) {
        return "";
      }
    });
    Map<String, Kind> trees = new LinkedHashMap<>();
    trees.put("models", Kind.MODEL);
    trees.put("seeds", Kind.SEED);
    trees.put("snapshots", Kind.SNAPSHOT);
    trees.put("tests", Kind.TEST);
    trees.put("data_tests", Kind.TEST);
    trees.put("sources", Kind.SOURCE);
    trees.put("unit_tests", Kind.UNIT_TEST);
    trees.put("analyses", Kind.ANALYSIS);
    trees.forEach((root, kind) -> {
      if (raw.get(root) instanceof Map<?, ?> tree) {
        folder(yamlFile, kind, YamlValues.map(tree));
      }
    });
  }

  private void folder(YamlFile file, Kind kind, Map<String, Object> level) {
    level.forEach((key, value) -> {
      boolean config = key.startsWith("+") || !(value instanceof Map<?, ?>)
          || KnownConfigKeys.isConfig(kind, key) && isMapConfig(key);
      if (config) {
        if (!known(kind, key, file.name())) {
          warn(file.name(), file.line(key), key, kind);
        }
      } else {
        folder(file, kind, YamlValues.map(value));
      }
    });
  }

  private static boolean isMapConfig(String key) {
    return Set.of("meta", "docs", "column_types", "persist_docs", "grants", "contract",
        "quote_columns", "options", "store_failures_as", "freshness", "quoting")
        .contains(NodeConfig.normaliseKey(key));
  }

  /** Whether {@code kind} takes {@code key}; notes an ignored one. */
  private boolean known(Kind kind, String key, String file) {
    String normal = NodeConfig.normaliseKey(key);
    if (KnownConfigKeys.IGNORED.containsKey(normal)) {
      synchronized (this) {
        ignoredUsed.computeIfAbsent(normal, k -> new java.util.TreeSet<>()).add(file);
      }
    }
    return KnownConfigKeys.isConfig(kind, key);
  }

  private void warn(String file, int line, String key, Kind kind) {
    String normal = NodeConfig.normaliseKey(key);
    Set<String> known = KnownConfigKeys.configs(kind);
    String hint = ClosestName.to(normal, known).or(() -> endingIn(normal, known))
        .map(s -> "; did you mean '" + s + "'?")
        .orElse(KnownConfigKeys.all().contains(normal) ? " (it is not a "
            + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " config)"
            : " (custom keys belong under meta:)");
    warnings(file + lineSuffix(line) + ": unknown "
        + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " config '" + key
        + "'" + hint);
  }

  /**
   * The one known key that ends in {@code _key} ({@code update_columns} for dbt-duckdb's
   * {@code merge_update_columns}), too far off for the edit distance.
   */
  private static java.util.Optional<String> endingIn(String key, Set<String> known) {
    List<String> matches = known.stream().filter(k -> k.endsWith("_" + key)).toList();
    return matches.size() == 1 ? java.util.Optional.of(matches.get(0))
        : java.util.Optional.empty();
  }

  private synchronized void warnings(String warning) {
    warnings.add(warning);
  }

  /** The line a warning names ({@code file:12: ...}), or 0. */
  private static int lineIn(String warning) {
    Matcher m = Pattern.compile("^[^:]*:(\\d+): ").matcher(warning);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static String lineSuffix(int line) {
    return line > 0 ? ":" + line : "";
  }

  /** The 1-based line of {@code pattern}'s first match at or after {@code from}, or 0. */
  private static int lineOf(String text, Pattern pattern, int from) {
    Matcher m = pattern.matcher(text);
    if (!m.find(from)) {
      return 0;
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** A YAML file whose text is read only when a warning needs a line number. */
  private static final class YamlFile {
    private final String name;
    private final java.util.function.Supplier<String> source;
    private String text;

    YamlFile(String name, java.util.function.Supplier<String> source) {
      this.name = name;
      this.source = source;
    }

    String name() {
      return name;
    }

    /** The first line where {@code key} is a mapping key, or 0. */
    int line(String key) {
      if (text == null) {
        text = source.get();
      }
      return lineOf(text, Pattern.compile("(?m)^[ \\t-]*['\"]?" + Pattern.quote(key)
          + "['\"]?[ \\t]*:"), 0);
    }
  }

  private static List<Map<String, Object>> entries(Object value) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object item : YamlValues.list(value)) {
      if (item instanceof Map<?, ?> map) {
        result.add(YamlValues.map(map));
      }
    }
    return result;
  }
}
