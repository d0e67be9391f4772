package dev.mds.template.jinja;

import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/** Jinja's {@code not}, by truth value; public because Pebble instantiates unary nodes reflectively. */
public final class JinjaNotExpression extends UnaryExpression {

  /** Pebble creates unary operator nodes with their no-argument constructor. */
  public JinjaNotExpression() {
  }

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    return !Truthiness.of(getChildExpression().evaluate(self, context));
  }
}
