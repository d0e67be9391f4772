package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** {@code var('name', default)}: project vars overridden by {@code --vars}. */
final class VarFunction implements Function {

  private final Map<String, Object> vars;

  VarFunction(Map<String, Object> vars) {
    this.vars = vars;
  }

  @Override
  public List<String> getArgumentNames() {
    return List.of("name", "default");
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    String name = String.valueOf(args.get("name"));
    if (vars.containsKey(name)) {
      return vars.get(name);
    }
    if (args.containsKey("default")) {
      return args.get("default");
    }
    throw MdsException.at(TemplateEngine.fileOf(self) + ":" + line, "var '" + name
        + "' is not defined: add it under vars: in the project file or pass --vars '{" + name
        + ": ...}'");
  }
}
