package dev.mds.compile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * dbt reads a node's {@code meta} in two places of its property YAML: directly under the node
 * (the older, still common way) and under {@code config:}. Both end up in the node's
 * {@code config.meta} (and its top-level {@code meta} in manifest.json), keys under
 * {@code config:} winning where both name the same key.
 */
final class TopLevelMeta {

  private TopLevelMeta() {
  }

  /** {@code config} with the top-level {@code meta} folded under its own {@code meta}. */
  static Map<String, Object> intoConfig(Map<String, Object> topLevel, Map<String, Object> config) {
    if (topLevel == null || topLevel.isEmpty()) {
      return config;
    }
    Map<String, Object> meta = new LinkedHashMap<>(topLevel);
    if (config.get("meta") instanceof Map<?, ?> configured) {
      configured.forEach((key, value) -> meta.put(String.valueOf(key), value));
    }
    Map<String, Object> merged = new LinkedHashMap<>(config);
    merged.put("meta", meta);
    return merged;
  }
}
