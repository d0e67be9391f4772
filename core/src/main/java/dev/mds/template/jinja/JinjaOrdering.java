package dev.mds.template.jinja;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;

/** How Jinja's {@code sort} orders values: numbers by value, text optionally ignoring case. */
final class JinjaOrdering {

  private JinjaOrdering() {
  }

  static Comparator<Object> comparator(boolean caseSensitive) {
    return (a, b) -> compare(a, b, caseSensitive);
  }

  /** The value {@code unique} and case-insensitive comparisons use in place of the item itself. */
  static Object key(Object value, boolean caseSensitive) {
    if (Equality.isText(value)) {
      String text = value.toString();
      return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
    }
    if (value instanceof Number number && !(value instanceof Double || value instanceof Float)) {
      // 1 (Long) and 1 (Integer) must be one key, as they are one value in Jinja.
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b, boolean caseSensitive) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
    }
    Object left = key(a, caseSensitive);
    Object right = key(b, caseSensitive);
    if (left instanceof Comparable comparable && right != null
        && left.getClass() == right.getClass()) {
      return comparable.compareTo(right);
    }
    throw new IllegalArgumentException("cannot order " + Sequence.describe(a) + " and "
        + Sequence.describe(b));
  }
}
