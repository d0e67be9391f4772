package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.RootAttributeNotFoundException;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

/**
 * Jinja's undefined in a condition: {@code {% if names %}} where {@code names} was set only
 * under {@code {% if execute %}} is false, not an error (dbt's Jinja renders the parse pass that
 * way). Only the bare names a condition tests, directly or through {@code and}, {@code or} and
 * {@code not}, are lenient: a misspelt name used anywhere else still stops with its name.
 */
final class UndefinedAsFalse extends ContextVariableExpression {

  private UndefinedAsFalse(String name, int lineNumber) {
    super(name, lineNumber);
  }

  /** The condition with the bare names it tests made lenient. */
  static Expression<?> condition(Expression<?> condition) {
    if (condition instanceof ContextVariableExpression variable
        && variable.getClass() == ContextVariableExpression.class) {
      return new UndefinedAsFalse(variable.getName(), variable.getLineNumber());
    }
    if (condition instanceof LogicalExpression logical) {
      logical.setLeft(condition(logical.getLeftExpression()));
      logical.setRight(condition(logical.getRightExpression()));
    } else if (condition instanceof JinjaNotExpression not) {
      not.setChildExpression(condition(not.getChildExpression()));
    }
    return condition;
  }

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    try {
      return super.evaluate(self, context);
    } catch (RootAttributeNotFoundException undefined) {
      return null;
    }
  }
}
