package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A Jinja test without arguments, such as {@code is none} or {@code is mapping}. */
record PredicateTest(Predicate<Object> predicate) implements Test {

  @Override
  public List<String> getArgumentNames() {
    return List.of();
  }

  @Override
  public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    return predicate.test(input);
  }
}
