package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.math.BigDecimal;
import java.util.Objects;

/** Python's {@code ==}: numbers compare by value whatever their Java type, text by content. */
final class Equality {

  private Equality() {
  }

  static boolean of(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      if (isFloating(a) || isFloating(b)) {
        return a.doubleValue() == b.doubleValue();
      }
      // YAML gives Integer, template literals give Long: compare values, not boxes.
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    if (isText(left) && isText(right)) {
      return left.toString().equals(right.toString());
    }
    return Objects.equals(left, right);
  }

  static boolean isText(Object value) {
    return value instanceof CharSequence || value instanceof SafeString;
  }

  private static boolean isFloating(Number number) {
    return number instanceof Double || number instanceof Float;
  }
}
