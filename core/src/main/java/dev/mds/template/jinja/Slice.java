package dev.mds.template.jinja;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's slice {@code [start:stop:step]} (each part may be none), as the subscript value that
 * SliceRetyping's operators build and SubscriptAccess applies to lists and text.
 */
record Slice(Object start, Object stop, Object step) {

  List<Object> of(List<?> items) {
    List<Object> result = new ArrayList<>();
    int[] bounds = bounds(items.size());
    for (int i = bounds[0]; bounds[2] > 0 ? i < bounds[1] : i > bounds[1]; i += bounds[2]) {
      result.add(items.get(i));
    }
    return result;
  }

  String of(String text) {
    int[] codePoints = text.codePoints().toArray();
    StringBuilder result = new StringBuilder();
    int[] bounds = bounds(codePoints.length);
    for (int i = bounds[0]; bounds[2] > 0 ? i < bounds[1] : i > bounds[1]; i += bounds[2]) {
      result.appendCodePoint(codePoints[i]);
    }
    return result.toString();
  }

  /** Python's slice.indices(length): start, stop and step clamped to the sequence. */
  private int[] bounds(int length) {
    int by = step == null ? 1 : integer(step, "step");
    if (by == 0) {
      throw new IllegalArgumentException("slice step cannot be zero");
    }
    int from = start == null ? (by < 0 ? length - 1 : 0) : clamp(integer(start, "start"), length, by);
    int to = stop == null ? (by < 0 ? -1 : length) : clamp(integer(stop, "stop"), length, by);
    return new int[] {from, to, by};
  }

  private static int clamp(int index, int length, int step) {
    if (index < 0) {
      index += length;
      return index < 0 ? (step < 0 ? -1 : 0) : index;
    }
    return index >= length ? (step < 0 ? length - 1 : length) : index;
  }

  private static int integer(Object value, String part) {
    if (!(value instanceof Number number) || value instanceof Double || value instanceof Float) {
      throw new IllegalArgumentException("slice " + part + " must be a whole number or none, got "
          + Sequence.describe(value));
    }
    long whole = number.longValue();
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, whole));
  }

  @Override
  public String toString() {
    return part(start) + ":" + part(stop) + (step == null ? "" : ":" + step);
  }

  private static String part(Object value) {
    return value == null ? "" : value.toString();
  }
}
