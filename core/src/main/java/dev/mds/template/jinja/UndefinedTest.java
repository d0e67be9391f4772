package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.core.DefinedTest;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.Map;

/**
 * Jinja's {@code is undefined}. It extends Pebble's DefinedTest because Pebble lets only that class
 * see a missing variable under strict variables instead of failing.
 */
final class UndefinedTest extends DefinedTest {

  @Override
  public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    return !super.apply(input, args, self, context, lineNumber);
  }
}
