package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python dict methods dbt macros call on maps: {@code items()}, {@code keys()}, {@code values()},
 * {@code get(k, default)}, {@code update(other)}, {@code pop(k[, default])},
 * {@code setdefault(k[, default])}, {@code copy()} and {@code clear()}; the changing ones change the
 * map itself.
 */
final class MapMethods implements AttributeResolver {

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (instance instanceof PythonMapping mapping && arguments != null) {
      instance = java.util.Collections.unmodifiableMap(mapping.asMapping());
    }
    if (arguments == null || !(instance instanceof Map<?, ?>)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) instance;
    List<Object> values = Arrays.asList(arguments);
    try {
      return call(map, String.valueOf(attributeName), values).orElse(null);
    } catch (UnsupportedOperationException e) {
      throw new PebbleException(e, "Cannot change this map: it is read-only", lineNumber,
          filename);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new PebbleException(e, "'" + attributeName + "()' on a map: " + e.getMessage(),
          lineNumber, filename);
    }
  }

  private static Optional<ResolvedAttribute> call(Map<Object, Object> map, String method,
      List<Object> args) {
    Object result;
    switch (method) {
      case "items" -> {
        List<Object> items = new ArrayList<>();
        map.forEach((key, value) -> items.add(Arrays.asList(key, value)));
        result = items;
      }
      case "keys" -> result = new ArrayList<>(map.keySet());
      case "values" -> result = new ArrayList<>(map.values());
      case "get" -> result = key(map, args.get(0))
          .map(map::get).orElse(args.size() > 1 ? args.get(1) : null);
      case "update" -> {
        map.putAll((Map<?, ?>) args.get(0));
        result = null;
      }
      case "pop" -> {
        Optional<Object> key = key(map, args.get(0));
        if (key.isEmpty() && args.size() < 2) {
          throw new IllegalArgumentException("no key " + args.get(0));
        }
        result = key.isPresent() ? map.remove(key.get()) : args.get(1);
      }
      case "setdefault" -> {
        Optional<Object> key = key(map, args.get(0));
        if (key.isPresent()) {
          result = map.get(key.get());
        } else {
          result = args.size() > 1 ? args.get(1) : null;
          map.put(args.get(0), result);
        }
      }
      case "copy" -> result = new LinkedHashMap<>(map);
      case "clear" -> {
        map.clear();
        result = null;
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(new ResolvedAttribute(result));
  }

  /** The map's own key equal to the given one; YAML's Integer 1 and a template's Long 1 match. */
  private static Optional<Object> key(Map<Object, Object> map, Object wanted) {
    if (map.containsKey(wanted)) {
      return Optional.ofNullable(wanted);
    }
    return map.keySet().stream().filter(key -> Equality.of(key, wanted)).findFirst();
  }
}
