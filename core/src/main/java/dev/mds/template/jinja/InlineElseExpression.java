package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/** The {@code else otherwise} part of an inline conditional; only the chosen branch is evaluated. */
final class InlineElseExpression extends BinaryExpression<Object> {

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    if (!(getLeftExpression() instanceof InlineIfExpression inlineIf)) {
      throw new PebbleException(null, "'else' without 'if' in an expression", getLineNumber(),
          self.getName());
    }
    if (inlineIf.holds(self, context)) {
      return inlineIf.getLeftExpression().evaluate(self, context);
    }
    return getRightExpression().evaluate(self, context);
  }
}
