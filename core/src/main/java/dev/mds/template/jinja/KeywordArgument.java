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

  /** Splits a method call's argument values into positional and keyword arguments. */
  public static Split split(Object[] arguments) {
    List<Object> positional = new ArrayList<>();
    Map<String, Object> keywords = new LinkedHashMap<>();
    if (arguments != null) {
      for (Object argument : arguments) {
        if (argument instanceof KeywordArgument keyword) {
          keywords.put(keyword.name(), keyword.value());
        } else {
          positional.add(argument);
        }
      }
    }
    return new Split(positional, keywords);
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
