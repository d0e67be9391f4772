package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jinja's {@code dict(a=1)} and {@code namespace(found=false)}: a new map of the named arguments.
 * A namespace is the Jinja way to carry a value out of a loop, with {@code {% set ns.found = true %}}.
 */
final class DictFunction implements Function {

  @Override
  public List<String> getArgumentNames() {
    // No names: Pebble passes named arguments through as they are, positional ones as "0", ...
    return null;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    Map<String, Object> namespace = new LinkedHashMap<>();
    if (args.get("0") instanceof Map<?, ?> initial) {
      initial.forEach((key, value) -> namespace.put(String.valueOf(key), value));
    }
    args.forEach((name, value) -> {
      if (!name.chars().allMatch(Character::isDigit)) {
        namespace.put(name, value);
      }
    });
    return namespace;
  }
}
