package dev.mds.template.context;

import java.util.List;
import java.util.Map;

/**
 * A Python call's arguments: positional values in order, keyword ones by name, and where the call
 * is written ({@code file:line}), for the errors it raises.
 */
record PyArgs(List<Object> positional, Map<String, Object> keywords, String location) {


  /** The argument named {@code name}, else the positional one at {@code index}, else null. */
  Object get(int index, String name) {
    if (keywords.containsKey(name)) {
      return keywords.get(name);
    }
    return index < positional.size() ? positional.get(index) : null;
  }

  Object get(int index, String name, Object fallback) {
    return has(index, name) ? get(index, name) : fallback;
  }

  boolean has(int index, String name) {
    return keywords.containsKey(name) || index < positional.size();
  }

  /** A required argument; its absence is the template's mistake. */
  Object required(int index, String name) {
    if (!has(index, name)) {
      throw new IllegalArgumentException("missing required argument '" + name + "'");
    }
    return get(index, name);
  }

  String string(int index, String name) {
    Object value = required(index, name);
    return value == null ? null : value.toString();
  }

  long integer(int index, String name, long fallback) {
    Object value = get(index, name, fallback);
    if (value instanceof Number number) {
      return number.longValue();
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    throw new IllegalArgumentException("'" + name + "' must be an integer, got " + value);
  }

  double number(int index, String name, double fallback) {
    Object value = get(index, name, fallback);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException("'" + name + "' must be a number, got " + value);
  }
}
