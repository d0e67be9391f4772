package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/** Jinja's {@code is eq(x)} / {@code equalto(x)} / {@code ne(x)}, mostly used by {@code selectattr}. */
record EqualityTest(boolean negated) implements Test {

  @Override
  public List<String> getArgumentNames() {
    return List.of("other");
  }

  @Override
  public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    return negated != Equality.of(input, args.get("other"));
  }
}
