package dev.mds.compile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Names generic tests the way dbt does, so selectors such as {@code -s unique_orders_order_id}
 * carry over: test name, tested node, then the flattened arguments (column first by sort order).
 */
final class TestNames {

  /** What dbt replaces in a test's name: runs of characters that cannot be in an identifier. */
  private static final Pattern NOT_IDENTIFIER = Pattern.compile("[^0-9a-zA-Z_]+");

  /** dbt shortens a name of this many characters or more with a hash. */
  private static final int MAX_LENGTH = 64;

  private TestNames() {
  }

  /**
   * @param namespace the package a test came from ({@code dbt_utils}), or empty
   * @param target the model or seed name, or {@code source_table} for a source
   * @param isSource whether the test is on a source (dbt prefixes those with {@code source_})
   */
  static String generic(String namespace, String testName, String target, boolean isSource,
      Map<String, Object> arguments) {
    List<String> flat = new ArrayList<>();
    for (Map.Entry<String, Object> arg : new TreeMap<>(arguments).entrySet()) {
      if (arg.getKey().equals("model")) {
        continue;
      }
      Object value = arg.getValue();
      if (value instanceof Map<?, ?> map) {
        map.values().forEach(v -> flat.add(pythonStr(v)));
      } else if (value instanceof List<?> list) {
        list.forEach(v -> flat.add(pythonStr(v)));
      } else {
        flat.add(pythonStr(value));
      }
    }
    List<String> clean = new ArrayList<>();
    for (String part : flat) {
      clean.add(NOT_IDENTIFIER.matcher(part).replaceAll("_"));
    }
    String identifier = (isSource ? "source_" : "") + (namespace.isEmpty() ? "" : namespace + "_")
        + testName + "_" + target;
    // dbt keeps the separator even with no arguments: "has_rows_orders_".
    String name = identifier + "_" + String.join("__", clean);
    if (name.length() < MAX_LENGTH) {
      return name;
    }
    String prefix = identifier.length() > 30 ? identifier.substring(0, 30) : identifier;
    return prefix + "_" + md5(name);
  }

  /** A value as Python's {@code str()} writes it, which is what dbt's names are made of. */
  private static String pythonStr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(value);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }
}
