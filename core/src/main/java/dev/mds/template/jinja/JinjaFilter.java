package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * A filter defined by a function. A body reports a bad input with IllegalArgumentException; this
 * turns it into a PebbleException carrying the filter's name, the template and the line.
 */
record JinjaFilter(String name, List<String> argumentNames, Body body) implements Filter {

  /** What the filter computes. */
  @FunctionalInterface
  interface Body {
    Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
        EvaluationContext context, int lineNumber);
  }

  /** A filter whose arguments Pebble passes by these names (positional ones take them in order). */
  static JinjaFilter of(String name, Body body, String... argumentNames) {
    return new JinjaFilter(name, List.of(argumentNames), body);
  }

  /** A filter taking any arguments: positional ones arrive as "0", "1", ..., named ones by name. */
  static JinjaFilter varargs(String name, Body body) {
    return new JinjaFilter(name, null, body);
  }

  @Override
  public List<String> getArgumentNames() {
    return argumentNames;
  }

  @Override
  public Object apply(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    try {
      return body.apply(input, args, self, context, lineNumber);
    } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
      throw new PebbleException(e, "Filter '" + name + "': " + e.getMessage(), lineNumber,
          self.getName());
    }
  }
}
