package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Jinja's (Python's) truth value: none, false, zero and empty text, lists and maps are false. */
final class Truthiness {

  private Truthiness() {
  }

  static boolean of(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof Truthy truthy) {
      return truthy.truth();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() != 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    if (value instanceof CharSequence || value instanceof SafeString) {
      return !value.toString().isEmpty();
    }
    if (value instanceof Collection<?> collection) {
      return !collection.isEmpty();
    }
    if (value instanceof Map<?, ?> map) {
      return !map.isEmpty();
    }
    if (value.getClass().isArray()) {
      return Array.getLength(value) > 0;
    }
    return true;
  }
}
