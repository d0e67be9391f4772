package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.NamedArguments;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies a filter or test named by a string, as {@code map('lower')} and {@code select('odd')} do. */
final class RegistryInvocation {

  private RegistryInvocation() {
  }

  static Object filter(String name, Object input, List<Object> arguments, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    Filter filter = ((EvaluationContextImpl) context).getExtensionRegistry().getFilter(name);
    if (filter == null) {
      throw new IllegalArgumentException("no filter named '" + name + "'");
    }
    return filter.apply(input, named(filter, arguments), self, context, lineNumber);
  }

  static boolean test(String name, Object input, List<Object> arguments, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    Test test = ((EvaluationContextImpl) context).getExtensionRegistry().getTest(name);
    if (test == null) {
      throw new IllegalArgumentException("no test named '" + name + "'");
    }
    return test.apply(input, named(test, arguments), self, context, lineNumber);
  }

  /** Positional arguments keyed the way Pebble would key them for this filter or test. */
  private static Map<String, Object> named(NamedArguments invocable, List<Object> arguments) {
    List<String> names = invocable.getArgumentNames();
    Map<String, Object> named = new HashMap<>();
    for (int i = 0; i < arguments.size(); i++) {
      boolean hasName = names != null && i < names.size();
      named.put(hasName ? names.get(i) : String.valueOf(i), arguments.get(i));
    }
    return named;
  }

  /** The positional arguments "from", "from + 1", ... that Pebble passed to a varargs filter. */
  static List<Object> positional(Map<String, Object> args, int from) {
    List<Object> values = new ArrayList<>();
    for (int i = from; args.containsKey(String.valueOf(i)); i++) {
      values.add(args.get(String.valueOf(i)));
    }
    return values;
  }
}
