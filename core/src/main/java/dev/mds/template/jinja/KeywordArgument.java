package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A keyword argument of a method call, {@code x.m(k=v)}: Pebble passes method calls positional
 * values only, so {@link TokenRetyping} turns {@code k=v} into {@code __kw('k', v)}, which
 * evaluates to this. Receivers split their arguments with {@link #split}.
 */
public record KeywordArgument(String name, Object value) {

  /** A method call's arguments: the positional values in order, and the keyword ones by name. */
  public record Split(List<Object> positional, Map<String, Object> keywords) {

    /** The argument named {@code name}, else the positional one at {@code index}, else null. */
    public Object get(String name, int index) {
      if (keywords.containsKey(name)) {
        return keywords.get(name);
      }
      return index < positional.size() ? positional.get(index) : null;
    }

    /** Whether the argument was passed, by name or at {@code index}. */
    public boolean has(String name, int index) {
      return keywords.containsKey(name) || index < positional.size();
    }
  }

  /**
   * Splits a method call's argument values into positional and keyword arguments; an unpacked
   * {@code *x} adds x's items to the positional ones, an unpacked {@code **x} x's entries to the
   * keyword ones, as in Python.
   */
  public static Split split(Object[] arguments) {
    List<Object> positional = new ArrayList<>(arguments == null ? 0 : arguments.length);
    Map<String, Object> keywords = new LinkedHashMap<>();
    if (arguments != null) {
      for (Object argument : arguments) {
        if (argument instanceof KeywordArgument keyword) {
          keyword.addTo(positional, keywords);
        } else {
          positional.add(argument);
        }
      }
    }
    return new Split(positional, keywords);
  }

  /**
   * Splits the arguments Pebble hands a function that declares no parameter names: positional
   * values as {@code "0"}, {@code "1"}, ..., keyword values by name, and the unpacked
   * {@code *x}/{@code **x} ones that {@link TokenRetyping} passes as {@code __unpackedN}.
   */
  public static Split ofFunction(Map<String, Object> args) {
    List<Object> positional = new ArrayList<>(args.size());
    for (int i = 0; args.containsKey(index(i)); i++) {
      positional.add(args.get(index(i)));
    }
    Map<String, Object> keywords = new LinkedHashMap<>();
    if (positional.size() == args.size()) {
      // Positional values only: the common call, with nothing more to sort out.
      return new Split(positional, keywords);
    }
    List<String> unpacked = null;
    for (Map.Entry<String, Object> arg : args.entrySet()) {
      String name = arg.getKey();
      boolean isPositional = !name.isEmpty() && Character.isDigit(name.charAt(0));
      if (name.startsWith(TokenRetyping.UNPACKED)) {
        if (unpacked == null) {
          unpacked = new ArrayList<>();
        }
        unpacked.add(name);
      } else if (!isPositional) {
        keywords.put(name, arg.getValue());
      }
    }
    if (unpacked != null) {
      // Pebble's map has no order; the rewrite numbered the unpacked ones as written.
      unpacked.sort(java.util.Comparator.comparingInt(
          n -> Integer.parseInt(n.substring(TokenRetyping.UNPACKED.length()))));
      for (String name : unpacked) {
        if (args.get(name) instanceof KeywordArgument keyword) {
          keyword.addTo(positional, keywords);
        }
      }
    }
    return new Split(positional, keywords);
  }

  /** The names Pebble gives positional values, "0", "1", ..., made once. */
  private static final String[] INDEXES = new String[16];

  static {
    for (int i = 0; i < INDEXES.length; i++) {
      INDEXES[i] = String.valueOf(i);
    }
  }

  private static String index(int i) {
    return i < INDEXES.length ? INDEXES[i] : String.valueOf(i);
  }

  /** Adds this argument where it belongs: by name, or unpacked for {@code *} and {@code **}. */
  private void addTo(List<Object> positional, Map<String, Object> keywords) {
    if (name.equals("*")) {
      if (value instanceof Iterable<?> items) {
        items.forEach(positional::add);
      } else if (value instanceof Object[] items) {
        positional.addAll(java.util.Arrays.asList(items));
      } else if (value != null) {
        throw new IllegalArgumentException("argument after * must be an iterable, not "
            + PythonText.typeName(value));
      }
    } else if (name.equals("**")) {
      if (value instanceof Map<?, ?> entries) {
        entries.forEach((k, v) -> keywords.put(String.valueOf(k), v));
      } else if (value != null) {
        throw new IllegalArgumentException("argument after ** must be a mapping, not "
            + PythonText.typeName(value));
      }
    } else {
      keywords.put(name, value);
    }
  }

  /** The {@code __kw(name, value)} function. */
  static final class Maker implements Function {

    @Override
    public List<String> getArgumentNames() {
      return null;
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
        int lineNumber) {
      return new KeywordArgument(String.valueOf(args.get("0")), args.get("1"));
    }
  }
}
