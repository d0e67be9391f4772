package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Map;

/** Jinja's {@code x in y} and {@code x not in y}: membership in a list, key in a map, substring. */
final class InExpression extends BinaryExpression<Object> {

  private final boolean negated;

  InExpression(boolean negated) {
    this.negated = negated;
  }

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    Object needle = getLeftExpression().evaluate(self, context);
    Object haystack = getRightExpression().evaluate(self, context);
    try {
      return negated != contains(haystack, needle);
    } catch (IllegalArgumentException e) {
      throw new PebbleException(e, "Operator '" + (negated ? "not in" : "in") + "' needs a list, map"
          + " or text on its right, got " + Sequence.describe(haystack), getLineNumber(), self.getName());
    }
  }

  static boolean contains(Object haystack, Object needle) {
    if (Equality.isText(haystack)) {
      return haystack.toString().contains(String.valueOf(needle));
    }
    if (haystack instanceof Map<?, ?> map && map.containsKey(needle)) {
      return true;
    }
    for (Object item : Sequence.of(haystack)) {
      if (Equality.of(item, needle)) {
        return true;
      }
    }
    return false;
  }
}
