package dev.mds.template.jinja;

import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/** The {@code value if condition} part of an inline conditional: the value, or none. */
final class InlineIfExpression extends BinaryExpression<Object> {

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    return holds(self, context) ? getLeftExpression().evaluate(self, context) : null;
  }

  boolean holds(PebbleTemplateImpl self, EvaluationContextImpl context) {
    return Truthiness.of(getRightExpression().evaluate(self, context));
  }
}
