package dev.mds.project;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's resolved configuration: project folder configs, overridden by schema YAML, overridden by
 * the model's own {@code config()} call. Keys are normalised ({@code +} dropped, {@code -} to
 * {@code _}); tags and meta accumulate instead of replacing.
 */
public record NodeConfig(Map<String, Object> values) {

  /** Config keys whose values are maps but which are not folder names. */
  static final Set<String> MAP_VALUED_KEYS = Set.of("meta", "docs", "column_types", "persist_docs",
      "grants", "contract", "settings", "quote_columns", "options", "store_failures_as");

  /** Config keys that dbt takes only as a mapping. */
  private static final Set<String> MAPPINGS = Set.of("meta", "docs", "column_types",
      "persist_docs", "grants", "contract");

  public NodeConfig {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static NodeConfig empty() {
    return new NodeConfig(Map.of());
  }

  /** Normalises a config key as written by a user: {@code +pre-hook} becomes {@code pre_hook}. */
  public static String normaliseKey(String key) {
    String k = key.startsWith("+") ? key.substring(1) : key;
    return k.replace('-', '_');
  }

  /**
   * Refuses an {@code enabled} that is not a boolean (or dbt's 'true'/'false') and a
   * {@code severity} other than warn/error, anywhere in a config map or a folder-config tree, as
   * one line naming {@code location}: a nonsense value would otherwise be read as the default and
   * the build would run. Values still to be rendered ({@code {{ ... }}}) are checked by dbt only
   * after rendering, so they are left alone here.
   */
  public static void checkValues(Map<String, ?> config, String location) {
    config.forEach((rawKey, value) -> {
      String key = normaliseKey(String.valueOf(rawKey));
      if (value instanceof Map<?, ?> nested) {
        if (!MAP_VALUED_KEYS.contains(key)) {
          checkValues(YamlValues.map(nested), location);
        }
        return;
      }
      if (value == null || (value instanceof String text && text.contains("{{"))) {
        return;
      }
      if (MAPPINGS.contains(key)) {
        // column_types: 5 would otherwise load the seed with no types at all, silently.
        throw dev.mds.MdsException.at(location, "'" + rawKey + ": " + value + "': " + key
            + " must be a mapping");
      }
      if (key.equals("enabled") && !(value instanceof Boolean)
          && !String.valueOf(value).trim().equalsIgnoreCase("true")
          && !String.valueOf(value).trim().equalsIgnoreCase("false")) {
        throw dev.mds.MdsException.at(location, "'" + rawKey + ": " + value
            + "': enabled must be true or false");
      }
      if (key.equals("severity") && !String.valueOf(value).trim().equalsIgnoreCase("warn")
          && !String.valueOf(value).trim().equalsIgnoreCase("error")) {
        throw dev.mds.MdsException.at(location, "'" + rawKey + ": " + value
            + "': severity must be warn or error");
      }
    });
  }

  /** Returns a new config with {@code overrides} laid over this one. */
  public NodeConfig merge(Map<String, ?> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>(values);
    overrides.forEach((rawKey, value) -> {
      String key = normaliseKey(rawKey);
      switch (key) {
        case "tags" -> {
          Set<String> tags = new LinkedHashSet<>(YamlValues.strings(merged.get("tags")));
          tags.addAll(YamlValues.strings(value));
          merged.put("tags", new ArrayList<>(tags));
        }
        case "meta" -> {
          Map<String, Object> meta = YamlValues.map(merged.get("meta"));
          meta.putAll(YamlValues.map(value));
          merged.put("meta", meta);
        }
        case "pre_hook", "post_hook" -> {
          List<Object> hooks = new ArrayList<>(YamlValues.list(merged.get(key)));
          hooks.addAll(YamlValues.list(value));
          merged.put(key, hooks);
        }
        default -> merged.put(key, value);
      }
    });
    return new NodeConfig(merged);
  }

  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public Optional<String> string(String key) {
    return YamlValues.string(values.get(key));
  }

  public String materialized() {
    return string("materialized").orElse("view");
  }

  public boolean enabled() {
    return YamlValues.bool(values.get("enabled"), true);
  }

  public List<String> tags() {
    return YamlValues.strings(values.get("tags"));
  }

  public Optional<String> schema() {
    return string("schema");
  }

  public Optional<String> alias() {
    return string("alias");
  }

  /** {@code unique_key} as a column list: a string, a comma-separated string or a list. */
  public List<String> uniqueKey() {
    return columnList("unique_key");
  }

  /**
   * {@code grain}: the columns that together identify a row ({@code [market, member_no]}), as
   * {@link #uniqueKey} reads its list. Empty when not declared.
   */
  public List<String> grain() {
    return columnList("grain");
  }

  private List<String> columnList(String key) {
    Object raw = values.get(key);
    List<String> keys = new ArrayList<>();
    for (String item : YamlValues.strings(raw)) {
      for (String part : item.split(",")) {
        if (!part.isBlank()) {
          keys.add(part.trim());
        }
      }
    }
    return keys;
  }

  public List<String> preHooks() {
    return hookSql("pre_hook");
  }

  public List<String> postHooks() {
    return hookSql("post_hook");
  }

  private List<String> hookSql(String key) {
    List<String> sql = new ArrayList<>();
    for (Object hook : YamlValues.list(values.get(key))) {
      if (hook instanceof Map<?, ?> m && m.get("sql") != null) {
        sql.add(String.valueOf(m.get("sql")));
      } else if (hook != null) {
        sql.add(String.valueOf(hook));
      }
    }
    return sql;
  }

  public Map<String, Object> meta() {
    return YamlValues.map(values.get("meta"));
  }
}
