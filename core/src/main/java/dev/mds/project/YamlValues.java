package dev.mds.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Coerces loosely typed YAML values (scalars, lists, maps) into the shapes the code expects. */
public final class YamlValues {

  private YamlValues() {
  }

  public static Optional<String> string(Object value) {
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  /** A scalar becomes a one-element list; null an empty list. */
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return List.of(value);
  }

  public static List<String> strings(Object value) {
    List<String> result = new ArrayList<>();
    for (Object item : list(value)) {
      if (item != null) {
        result.add(String.valueOf(item));
      }
    }
    return result;
  }

  /** A map with string keys; anything that is not a map is empty. */
  public static Map<String, Object> map(Object value) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> result.put(String.valueOf(k), v));
    }
    return result;
  }

  public static boolean bool(Object value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(value).trim().toLowerCase();
    return switch (s) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> fallback;
    };
  }
}
