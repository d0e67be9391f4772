package dev.mds.template.context;

import io.pebbletemplates.pebble.extension.escaper.SafeString;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's iteration over a template value: lists, sets, map keys, text by character. */
final class Iterables {

  private Iterables() {
  }

  /** The items of {@code value}; not iterable (a number, none) is an IllegalArgumentException. */
  static List<Object> list(Object value) {
    List<Object> items = new ArrayList<>();
    if (value instanceof Iterable<?> iterable) {
      iterable.forEach(items::add);
    } else if (value instanceof Map<?, ?> map) {
      items.addAll(map.keySet());
    } else if (value instanceof CharSequence || value instanceof SafeString) {
      value.toString().codePoints().forEach(c -> items.add(new String(Character.toChars(c))));
    } else if (value != null && value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(Array.get(value, i));
      }
    } else {
      throw new IllegalArgumentException("'" + typeName(value) + "' object is not iterable");
    }
    return items;
  }

  static boolean isIterable(Object value) {
    return value instanceof Iterable<?> || value instanceof Map<?, ?>
        || value instanceof CharSequence || value instanceof SafeString
        || (value != null && value.getClass().isArray());
  }

  static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Integer || value instanceof Long) {
      return "int";
    }
    if (value instanceof Number) {
      return "float";
    }
    if (value instanceof PyObject object) {
      return object.typeName();
    }
    return value.getClass().getSimpleName();
  }

  /** Python's {@code str()}: text as it is, everything else as {@link #repr}. */
  static String str(Object value) {
    if (value instanceof CharSequence || value instanceof SafeString) {
      return value.toString();
    }
    if (value instanceof PyRepr) {
      return value.toString();
    }
    return repr(value);
  }

  /** Python's repr of an item inside a printed collection: text quoted, none as None. */
  static String repr(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
      }
      return text.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{");
      String separator = "";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        text.append(separator).append(repr(entry.getKey())).append(": ")
            .append(repr(entry.getValue()));
        separator = ", ";
      }
      return text.append('}').toString();
    }
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean bool) {
      return bool ? "True" : "False";
    }
    if (value instanceof CharSequence || value instanceof SafeString) {
      String text = value.toString();
      return text.contains("'") && !text.contains("\"") ? "\"" + text + "\""
          : "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value instanceof PyRepr repr) {
      return repr.repr();
    }
    return String.valueOf(value);
  }

  /** Objects whose repr differs from their str, as datetimes' do. */
  interface PyRepr {
    String repr();
  }
}
