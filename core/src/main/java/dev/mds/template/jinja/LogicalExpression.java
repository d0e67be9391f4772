package dev.mds.template.jinja;

import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Jinja's {@code and} / {@code or}: any value has a truth value (empty lists are false, none is
 * false even with strict variables), and the result is the deciding operand, so
 * {@code x or 'fallback'} yields a value rather than a boolean.
 */
final class LogicalExpression extends BinaryExpression<Object> {

  private final boolean conjunction;

  LogicalExpression(boolean conjunction) {
    this.conjunction = conjunction;
  }

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    Object left = getLeftExpression().evaluate(self, context);
    if (Truthiness.of(left) != conjunction) {
      return left;
    }
    return getRightExpression().evaluate(self, context);
  }
}
