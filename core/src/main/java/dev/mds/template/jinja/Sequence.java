package dev.mds.template.jinja;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The items Jinja iterates over for a value: list elements, map keys, or the characters of text. */
final class Sequence {

  private Sequence() {
  }

  static boolean isIterable(Object value) {
    return value instanceof Iterable<?> || value instanceof Map<?, ?> || value instanceof Iterator<?>
        || Equality.isText(value) || (value != null && value.getClass().isArray());
  }

  /**
   * A filter's input as a list: none (what mds gives for Jinja's undefined, such as a key a dict
   * lacks) is empty, as Jinja's undefined iterates as nothing; parse-time renders rely on that
   * ({@code results['col'] | map('string')} when the query did not run).
   */
  static List<Object> orEmpty(Object value) {
    return value == null ? new ArrayList<>() : of(value);
  }

  /** Copies the items into a new list; throws IllegalArgumentException for a non-iterable value. */
  static List<Object> of(Object value) {
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    if (value instanceof Map<?, ?> map) {
      return new ArrayList<>(map.keySet());
    }
    List<Object> items = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      iterable.forEach(items::add);
    } else if (value instanceof Iterator<?> iterator) {
      iterator.forEachRemaining(items::add);
    } else if (Equality.isText(value)) {
      value.toString().codePoints().forEach(c -> items.add(Character.toString(c)));
    } else if (value != null && value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(Array.get(value, i));
      }
    } else {
      throw new IllegalArgumentException(describe(value) + " is not iterable");
    }
    return items;
  }

  static String describe(Object value) {
    return value == null ? "none" : "a value of type " + value.getClass().getSimpleName();
  }
}
