package dev.mds.template.context;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * A context function written as a lambda: {@code names} are its parameters in order (null: Pebble
 * passes positional arguments as "0", "1", ...), {@code body} gets them with the call's location.
 */
record ContextFunction(List<String> names, Body body) implements Function {

  @FunctionalInterface
  interface Body {
    Object apply(Map<String, Object> args, String location);
  }

  @Override
  public List<String> getArgumentNames() {
    return names;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    return body.apply(args, PythonAttributes.location(self.getName(), lineNumber));
  }
}
