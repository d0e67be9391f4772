package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * A Jinja test with one argument, such as {@code is divisibleby(3)}, {@code is gt(1)} or
 * {@code is in(list)}; a bad input becomes an error naming the test, the template and the line.
 */
record BinaryTest(String name, String argumentName, BiPredicate<Object, Object> predicate)
    implements Test {

  @Override
  public List<String> getArgumentNames() {
    return List.of(argumentName);
  }

  @Override
  public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self,
      EvaluationContext context, int lineNumber) {
    if (!args.containsKey(argumentName)) {
      throw new PebbleException(null, "Test '" + name + "' needs an argument, as in"
          + " 'is " + name + "(x)'", lineNumber, self.getName());
    }
    try {
      return predicate.test(input, args.get(argumentName));
    } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
      throw new PebbleException(e, "Test '" + name + "': " + e.getMessage(), lineNumber,
          self.getName());
    }
  }
}
