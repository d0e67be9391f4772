package dev.mds.schema;

import dev.mds.MdsException;
import dev.mds.project.NodeConfig;
import dev.mds.project.YamlValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source table's freshness rule, as dbt resolves it: thresholds on the age of the newest
 * {@code loaded_at_field} value, with an optional {@code filter}.
 *
 * <p>dbt's inheritance, level by level (project folder config, source, table): a level without
 * {@code freshness} inherits; {@code freshness: null} disables; otherwise each threshold the level
 * gives whole (count and period) replaces the inherited one, an explicit {@code null} threshold
 * clears it, and its {@code filter} replaces the inherited filter.
 */
public record SourceFreshness(Optional<Threshold> warnAfter, Optional<Threshold> errorAfter,
    Optional<String> filter) {

  /** The config key holding the resolved rule (null when there is none). */
  public static final String KEY = "freshness";
  /** The config key naming the column (or expression) with the load time of each row. */
  public static final String LOADED_AT_FIELD = "loaded_at_field";

  /** The periods dbt accepts. */
  static final List<String> PERIODS = List.of("minute", "hour", "day");

  /** {@code count} periods: a threshold on a source's age. */
  public record Threshold(long count, String period) {

    public long seconds() {
      return count * switch (period) {
        case "minute" -> 60L;
        case "hour" -> 3600L;
        default -> 86_400L;
      };
    }

    /** Whether a source this many seconds old is past the threshold. */
    public boolean exceededBy(double ageSeconds) {
      return ageSeconds > seconds();
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("count", count);
      map.put("period", period);
      return map;
    }
  }

  /** Whether the rule checks anything: dbt runs freshness only for a rule with a threshold. */
  public boolean active() {
    return warnAfter.isPresent() || errorAfter.isPresent();
  }

  /** {@code pass}, {@code warn} or {@code error} for a source this many seconds old. */
  public String status(double ageSeconds) {
    if (errorAfter.isPresent() && errorAfter.get().exceededBy(ageSeconds)) {
      return "error";
    }
    if (warnAfter.isPresent() && warnAfter.get().exceededBy(ageSeconds)) {
      return "warn";
    }
    return "pass";
  }

  /** The rule in dbt's layout ({@code criteria} in sources.json, {@code freshness} in the manifest). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("warn_after", thresholdMap(warnAfter));
    map.put("error_after", thresholdMap(errorAfter));
    map.put("filter", filter.orElse(null));
    return map;
  }

  private static Map<String, Object> thresholdMap(Optional<Threshold> threshold) {
    if (threshold.isPresent()) {
      return threshold.get().toMap();
    }
    Map<String, Object> empty = new LinkedHashMap<>();
    empty.put("count", null);
    empty.put("period", null);
    return empty;
  }

  /** The rule with no thresholds, as a level without {@code freshness} starts. */
  private static final SourceFreshness NONE =
      new SourceFreshness(Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * A source's or table's config with its top-level {@code freshness} and
   * {@code loaded_at_field} moved in (dbt accepts both places; {@code config:} wins).
   */
  static Map<String, Object> intoConfig(Map<String, Object> entry, Map<String, Object> config) {
    if (!entry.containsKey(KEY) && !entry.containsKey(LOADED_AT_FIELD)) {
      return config;
    }
    Map<String, Object> merged = new LinkedHashMap<>(config);
    for (String key : List.of(KEY, LOADED_AT_FIELD)) {
      if (entry.containsKey(key) && !config.containsKey(key)) {
        merged.put(key, entry.get(key));
      }
    }
    return merged;
  }

  /**
   * The config of a source table with its {@code freshness} resolved over {@code levels} (each a
   * config map, outermost first), or an error naming {@code location} and {@code what} (the
   * source) for a bad block.
   */
  public static NodeConfig resolveInto(NodeConfig config, List<Map<String, Object>> levels,
      String location, String what) {
    SourceFreshness rule = NONE;
    boolean disabled = false;
    for (Map<String, Object> level : levels) {
      if (!level.containsKey(KEY)) {
        continue;
      }
      Object value = level.get(KEY);
      if (value == null) {
        disabled = true;
        continue;
      }
      SourceFreshness given = read(value, location, what);
      rule = disabled ? given : rule.overriddenBy(given, YamlValues.map(value));
      disabled = false;
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put(KEY, disabled || !rule.active() && rule.filter().isEmpty() ? null
        : rule.toMap());
    return config.merge(resolved);
  }

  private SourceFreshness overriddenBy(SourceFreshness level, Map<String, Object> written) {
    return new SourceFreshness(
        written.containsKey("warn_after") && written.get("warn_after") == null ? Optional.empty()
            : level.warnAfter().or(() -> warnAfter),
        written.containsKey("error_after") && written.get("error_after") == null
            ? Optional.empty() : level.errorAfter().or(() -> errorAfter),
        level.filter().or(() -> filter));
  }

  /** The resolved rule a source's config holds, if it has one that checks anything. */
  public static Optional<SourceFreshness> of(NodeConfig config) {
    Object value = config.values().get(KEY);
    if (!(value instanceof Map<?, ?> map)) {
      return Optional.empty();
    }
    SourceFreshness rule = read(map, "config", "source");
    return rule.active() ? Optional.of(rule) : Optional.empty();
  }

  /** One level's {@code freshness:} block, checked. */
  private static SourceFreshness read(Object value, String location, String what) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw MdsException.at(location, what + ": freshness must be a mapping (freshness:"
          + " {warn_after: {count: 12, period: hour}}) or null, got '" + value + "'");
    }
    Map<String, Object> block = YamlValues.map(raw);
    for (String key : block.keySet()) {
      if (!List.of("warn_after", "error_after", "filter").contains(key)) {
        throw MdsException.at(location, what + ": freshness has an unknown key '" + key
            + "' (expected warn_after, error_after, filter)");
      }
    }
    Object filter = block.get("filter");
    if (filter != null && !(filter instanceof String)) {
      throw MdsException.at(location, what + ": freshness filter must be SQL text (filter:"
          + " \"loaded_at > '2024-01-01'\"), got '" + filter + "'");
    }
    return new SourceFreshness(threshold(block.get("warn_after"), "warn_after", location, what),
        threshold(block.get("error_after"), "error_after", location, what),
        Optional.ofNullable((String) filter).filter(f -> !f.isBlank()));
  }

  /** A threshold when given whole; a partial one is ignored, as dbt does. */
  private static Optional<Threshold> threshold(Object value, String key, String location,
      String what) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> raw)) {
      throw MdsException.at(location, what + ": freshness " + key + " must be a mapping ({count: 12,"
          + " period: hour}), got '" + value + "'");
    }
    Map<String, Object> map = YamlValues.map(raw);
    Object count = map.get("count");
    if (count instanceof String text && text.strip().matches("-?\\d{1,18}")) {
      // A rendered template ("{{ env_var('DAYS', '2') }}") gives the number as text.
      count = Long.parseLong(text.strip());
    }
    Object period = map.get("period");
    if (count != null && !(count instanceof Integer || count instanceof Long)) {
      throw MdsException.at(location, what + ": freshness " + key + " count must be a whole number,"
          + " got '" + count + "'");
    }
    if (count != null && ((Number) count).longValue() < 0) {
      throw MdsException.at(location, what + ": freshness " + key + " count must not be negative, got "
          + count);
    }
    if (period != null && !PERIODS.contains(String.valueOf(period))) {
      throw MdsException.at(location, what + ": freshness " + key + " period must be minute, hour or"
          + " day, got '" + period + "'");
    }
    if (count == null || period == null) {
      return Optional.empty();
    }
    return Optional.of(new Threshold(((Number) count).longValue(), String.valueOf(period)));
  }
}
