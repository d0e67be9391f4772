package dev.mds.template.context;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * One of {@link ContextFunctions}: {@code names} are its parameters in order (null: Pebble passes
 * positional arguments as "0", "1", ...).
 */
record ContextFunction(String name, List<String> names, TemplateLog log) implements Function {

  @Override
  public List<String> getArgumentNames() {
    return names;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    return ContextFunctions.call(name, args, PythonAttributes.location(self.getName(), lineNumber),
        log);
  }
}
