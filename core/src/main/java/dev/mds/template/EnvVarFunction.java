package dev.mds.template;

import dev.mds.project.EnvVar;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** {@code env_var('NAME', default)}. */
final class EnvVarFunction implements Function {

  private final Map<String, String> environment;

  EnvVarFunction(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public List<String> getArgumentNames() {
    return List.of("name", "default");
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int line) {
    String name = String.valueOf(args.get("name"));
    String location = TemplateEngine.fileOf(self) + ":" + line;
    // Refused before the read is recorded: a secret's value must not reach the parse cache.
    EnvVar.refuseSecret(name, location);
    Map<String, String> overrides = ActiveNode.get().envOverrides();
    Map<String, String> environment = this.environment;
    if (overrides.containsKey(name)) {
      // A unit test's overrides: env_vars: sets the variable for the model under test.
      environment = new java.util.HashMap<>(environment);
      environment.put(name, overrides.get(name));
    }
    ActiveNode.get().envVarRead(name, environment.get(name));
    return EnvVar.value(environment, args, location, false);
  }
}
