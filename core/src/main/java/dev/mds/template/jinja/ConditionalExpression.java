package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/** Jinja's {@code value if condition else otherwise}; without {@code else} a false condition yields none. */
record ConditionalExpression(Expression<?> value, Expression<?> condition, Expression<?> otherwise,
    int lineNumber) implements Expression<Object> {

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    if (Truthiness.of(condition.evaluate(self, context))) {
      return value.evaluate(self, context);
    }
    return otherwise == null ? null : otherwise.evaluate(self, context);
  }

  @Override
  public int getLineNumber() {
    return lineNumber;
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    value.accept(visitor);
    condition.accept(visitor);
    if (otherwise != null) {
      otherwise.accept(visitor);
    }
  }
}
