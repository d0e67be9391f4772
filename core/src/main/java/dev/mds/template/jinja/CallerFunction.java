package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code caller(...)} inside a macro: renders the body of the {@code {% call %}} that invoked it. */
final class CallerFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    // No names: Pebble then passes positional arguments as "0", "1", ...
    return null;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    if (!(context.getVariable("caller") instanceof Caller caller)) {
      throw new PebbleException(null, "caller() works only inside a macro invoked with"
          + " {% call %}", lineNumber, self.getName());
    }
    List<Object> arguments = new ArrayList<>();
    for (int i = 0; args.containsKey(String.valueOf(i)); i++) {
      arguments.add(args.get(String.valueOf(i)));
    }
    return caller.render(arguments);
  }
}
