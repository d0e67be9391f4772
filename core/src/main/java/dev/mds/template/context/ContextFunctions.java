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

  static Map<String, Function> all(TemplateLog log) {
    Map<String, Function> functions = new LinkedHashMap<>();
    functions.put("log", new ContextFunction(List.of("msg", "info"), (args, at) -> {
      String message = Iterables.str(args.get("msg"));
      if (Boolean.TRUE.equals(args.get("info"))) {
        log.info(message);
      } else {
        log.debug(message);
      }
      return "";
    }));
    functions.put("print", new ContextFunction(List.of("msg"), (args, at) -> {
      log.print(Iterables.str(args.get("msg")));
      return "";
    }));
    functions.put("fromjson", new ContextFunction(List.of("string", "default"),
        (args, at) -> Serialization.fromJson(args.get("string"), args.get("default"))));
    functions.put("tojson", new ContextFunction(List.of("value", "default", "sort_keys"),
        (args, at) -> Serialization.toJson(args.get("value"),
            Boolean.TRUE.equals(args.get("sort_keys")), args.get("default"))));
    functions.put("fromyaml", new ContextFunction(List.of("value", "default"),
        (args, at) -> Serialization.fromYaml(args.get("value"), args.get("default"))));
    functions.put("toyaml", new ContextFunction(List.of("value", "default", "sort_keys"),
        (args, at) -> Serialization.toYaml(args.get("value"),
            Boolean.TRUE.equals(args.get("sort_keys")), args.get("default"))));
    functions.put("set", new ContextFunction(List.of("value", "default"), (args, at) ->
        Iterables.isIterable(args.get("value"))
            ? new PythonSet(Iterables.list(args.get("value"))) : args.get("default")));
    functions.put("set_strict", new ContextFunction(List.of("value"), (args, at) ->
        new PythonSet(strict(() -> Iterables.list(args.get("value")), "set_strict", at))));
    functions.put("zip", new ContextFunction(null, (args, at) -> {
      List<Object> iterables = positional(args);
      if (!iterables.stream().allMatch(Iterables::isIterable)) {
        return args.get("default");
      }
      return zip(iterables);
    }));
    functions.put("zip_strict", new ContextFunction(null, (args, at) ->
        zip(strict(() -> positional(args).stream().map(Iterables::list).toList(), "zip_strict",
            at))));
    functions.put("local_md5", new ContextFunction(List.of("value"),
        (args, at) -> md5(Iterables.str(args.get("value")))));
    functions.put("diff_of_two_dicts", new ContextFunction(List.of("dict_a", "dict_b"),
        (args, at) -> diff((Map<?, ?>) args.get("dict_a"), (Map<?, ?>) args.get("dict_b"))));
    functions.put("try_or_compiler_error", new ContextFunction(null, (args, at) -> {
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
    }));
    return functions;
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
