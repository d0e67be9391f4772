package dev.mds.template.context;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * dbt's context functions that need no database and no node: {@code log}, {@code print},
 * {@code fromjson}/{@code tojson}, {@code fromyaml}/{@code toyaml}, {@code zip}, {@code set},
 * {@code local_md5}, {@code diff_of_two_dicts} and {@code try_or_compiler_error}.
 */
final class ContextFunctions {

  private ContextFunctions() {
  }

  /** Each function's parameter names; an empty list: positional arguments as Pebble numbers them. */
  private static final Map<String, List<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    PARAMETERS.put("log", List.of("msg", "info"));
    PARAMETERS.put("print", List.of("msg"));
    PARAMETERS.put("fromjson", List.of("string", "default"));
    PARAMETERS.put("tojson", List.of("value", "default", "sort_keys"));
    PARAMETERS.put("fromyaml", List.of("value", "default"));
    PARAMETERS.put("toyaml", List.of("value", "default", "sort_keys"));
    PARAMETERS.put("set", List.of("value", "default"));
    PARAMETERS.put("set_strict", List.of("value"));
    PARAMETERS.put("zip", List.of());
    PARAMETERS.put("zip_strict", List.of());
    PARAMETERS.put("local_md5", List.of("value"));
    PARAMETERS.put("diff_of_two_dicts", List.of("dict_a", "dict_b"));
    PARAMETERS.put("try_or_compiler_error", List.of());
  }

  static Map<String, Function> all(TemplateLog log) {
    Map<String, Function> functions = new LinkedHashMap<>();
    PARAMETERS.forEach((name, parameters) -> functions.put(name,
        new ContextFunction(name, parameters.isEmpty() ? null : parameters, log)));
    return functions;
  }

  /**
   * Runs function {@code name} (one switch rather than a lambda each: every lambda is a class
   * to spin at start-up).
   */
  static Object call(String name, Map<String, Object> args, String at, TemplateLog log) {
    switch (name) {
      case "log" -> {
        String message = Iterables.str(args.get("msg"));
        if (Boolean.TRUE.equals(args.get("info"))) {
          log.info(message);
        } else {
          log.debug(message);
        }
        return "";
      }
      case "print" -> {
        log.print(Iterables.str(args.get("msg")));
        return "";
      }
      case "fromjson" -> {
        return Serialization.fromJson(args.get("string"), args.get("default"));
      }
      case "tojson" -> {
        return Serialization.toJson(args.get("value"), Boolean.TRUE.equals(args.get("sort_keys")),
            args.get("default"));
      }
      case "fromyaml" -> {
        return Serialization.fromYaml(args.get("value"), args.get("default"));
      }
      case "toyaml" -> {
        return Serialization.toYaml(args.get("value"), Boolean.TRUE.equals(args.get("sort_keys")),
            args.get("default"));
      }
      case "set" -> {
        return Iterables.isIterable(args.get("value"))
            ? new PythonSet(Iterables.list(args.get("value"))) : args.get("default");
      }
      case "set_strict" -> {
        return new PythonSet(strict(() -> Iterables.list(args.get("value")), name, at));
      }
      case "zip" -> {
        List<Object> iterables = positional(args);
        return iterables.stream().allMatch(Iterables::isIterable) ? zip(iterables)
            : args.get("default");
      }
      case "zip_strict" -> {
        return zip(strict(() -> positional(args).stream().map(Iterables::list).toList(), name,
            at));
      }
      case "local_md5" -> {
        return md5(Iterables.str(args.get("value")));
      }
      case "diff_of_two_dicts" -> {
        return diff((Map<?, ?>) args.get("dict_a"), (Map<?, ?>) args.get("dict_b"));
      }
      case "try_or_compiler_error" -> {
        return tryOrCompilerError(args, at);
      }
      default -> throw new IllegalStateException("no context function " + name);
    }
  }

  /** {@code try_or_compiler_error(message, function, *args, **kwargs)}. */
  private static Object tryOrCompilerError(Map<String, Object> args, String at) {
    List<Object> values = positional(args);
    String message = values.isEmpty() ? "" : Iterables.str(values.get(0));
    if (values.size() < 2 || !(values.get(1) instanceof PyCallable callable)) {
      throw MdsException.at(at, "try_or_compiler_error: the second argument must be a"
          + " function, such as modules.datetime.datetime.strptime");
    }
    Map<String, Object> keywords = new LinkedHashMap<>(args);
    keywords.keySet().removeIf(ContextFunctions::isPosition);
    try {
      return callable.call(new PyArgs(values.subList(2, values.size()), keywords, at));
    } catch (RuntimeException e) {
      throw MdsException.at(at, message, e);
    }
  }

  private static List<Object> zip(List<?> iterables) {
    List<List<Object>> lists = iterables.stream().map(Iterables::list).toList();
    int length = lists.stream().mapToInt(List::size).min().orElse(0);
    List<Object> tuples = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      List<Object> tuple = new ArrayList<>();
      for (List<Object> list : lists) {
        tuple.add(list.get(i));
      }
      tuples.add(tuple);
    }
    return tuples;
  }

  private static <T> T strict(java.util.function.Supplier<T> body, String name, String at) {
    try {
      return body.get();
    } catch (IllegalArgumentException e) {
      throw MdsException.at(at, name + ": " + e.getMessage());
    }
  }

  /** The positional arguments Pebble passed a function without parameter names: "0", "1", ... */
  private static List<Object> positional(Map<String, Object> args) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; args.containsKey(String.valueOf(i)); i++) {
      values.add(args.get(String.valueOf(i)));
    }
    return values;
  }

  private static boolean isPosition(String name) {
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }

  static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  /**
   * dict_a minus dict_b for maps of lists of text, comparing keys and values ignoring case; keys
   * keep dict_a's spelling.
   */
  private static Map<Object, Object> diff(Map<?, ?> a, Map<?, ?> b) {
    Map<String, List<String>> lowered = new LinkedHashMap<>();
    b.forEach((k, v) -> lowered.put(fold(k), Iterables.list(v).stream()
        .map(ContextFunctions::fold).toList()));
    Map<Object, Object> result = new LinkedHashMap<>();
    a.forEach((key, values) -> {
      List<String> theirs = lowered.get(fold(key));
      if (theirs == null) {
        result.put(key, values);
        return;
      }
      List<Object> missing = new ArrayList<>();
      for (Object value : Iterables.list(values)) {
        if (!theirs.contains(fold(value))) {
          missing.add(value);
        }
      }
      if (!missing.isEmpty()) {
        result.put(key, missing);
      }
    });
    return result;
  }

  private static String fold(Object value) {
    return String.valueOf(value).toLowerCase(Locale.ROOT);
  }
}
