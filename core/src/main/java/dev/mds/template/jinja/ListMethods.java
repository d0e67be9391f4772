package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Python list methods, the changing ones used with {@code {% do %}}: {@code append},
 * {@code extend}, {@code insert}, {@code pop}, {@code remove}, {@code sort}, {@code reverse},
 * {@code clear}; and {@code index}, {@code count}, {@code copy}. They change the list itself.
 */
final class ListMethods implements AttributeResolver {

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (arguments == null || !(instance instanceof List<?>)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) instance;
    try {
      return call(list, String.valueOf(attributeName), Arrays.asList(arguments)).orElse(null);
    } catch (UnsupportedOperationException e) {
      throw new PebbleException(e, "Cannot change this list: it is read-only", lineNumber,
          filename);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new PebbleException(e, "'" + attributeName + "()' on a list: " + e.getMessage(),
          lineNumber, filename);
    }
  }

  private static Optional<ResolvedAttribute> call(List<Object> list, String method,
      List<Object> args) {
    Object result = null;
    switch (method) {
      case "append" -> list.add(args.get(0));
      case "extend" -> list.addAll(Sequence.of(args.get(0)));
      case "insert" -> list.add(Math.min(position(list, args.get(0)), list.size()), args.get(1));
      case "pop" -> result = list.remove(args.isEmpty() ? list.size() - 1 : position(list, args.get(0)));
      case "remove" -> list.remove(index(list, args.get(0)));
      case "index" -> result = (long) index(list, args.get(0));
      case "count" -> result = list.stream().filter(item -> Equality.of(item, args.get(0))).count();
      case "sort" -> list.sort(JinjaOrdering.comparator(true));
      case "reverse" -> Collections.reverse(list);
      case "copy" -> result = new ArrayList<>(list);
      case "clear" -> list.clear();
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(new ResolvedAttribute(result));
  }

  /** A Python index: negative counts from the end. */
  private static int position(List<Object> list, Object index) {
    if (!(index instanceof Number number)) {
      throw new IllegalArgumentException("expected an index, got " + Sequence.describe(index));
    }
    int position = number.intValue();
    return position < 0 ? list.size() + position : position;
  }

  private static int index(List<Object> list, Object value) {
    for (int i = 0; i < list.size(); i++) {
      if (Equality.of(list.get(i), value)) {
        return i;
      }
    }
    throw new IllegalArgumentException(value + " is not in the list");
  }
}
