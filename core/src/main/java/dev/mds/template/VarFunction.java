package dev.mds.template;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * {@code var('name', default)}: project vars overridden by {@code --vars}; a node of an installed
 * package sees that package's vars (its defaults under the root project's), as in dbt.
 */
final class VarFunction implements Function {

  private final Map<String, Object> vars;
  private final Map<String, Map<String, Object>> packageVars;

  VarFunction(Map<String, Object> vars, Map<String, Map<String, Object>> packageVars) {
    this.vars = vars;
    this.packageVars = packageVars;
  }

  @Override
  public List<String> getArgumentNames() {
    return List.of("name", "default");
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    String name = String.valueOf(args.get("name"));
    Map<String, Object> overrides = ActiveNode.get().varOverrides();
    if (overrides.containsKey(name)) {
      return overrides.get(name);
    }
    Map<String, Object> vars = this.vars;
    if (!packageVars.isEmpty()) {
      String owner = ActiveNode.get().packageName();
      if (owner != null && packageVars.containsKey(owner)) {
        vars = packageVars.get(owner);
      }
    }
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
