package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dict literal {@code {'a': 1, 'b': 2}}, which {@link TokenRetyping} turns into
 * {@code __dict('a', 1, 'b', 2)}: a map that keeps its keys in the order written, as Python's
 * dicts do (Pebble's own map literal is a hash map, and dbt_utils.union_relations orders the
 * columns it unions by the keys of a dict it fills).
 */
final class DictLiteral implements Function {

  @Override
  public List<String> getArgumentNames() {
    return null;
  }

  @Override
  public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
      int lineNumber) {
    Map<Object, Object> dict = new LinkedHashMap<>();
    for (int i = 0; args.containsKey(String.valueOf(i)); i += 2) {
      dict.put(args.get(String.valueOf(i)), args.get(String.valueOf(i + 1)));
    }
    return dict;
  }
}
