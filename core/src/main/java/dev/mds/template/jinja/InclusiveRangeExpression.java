package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.core.RangeFunction;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.PositionalArgumentNode;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.List;

/**
 * Pebble's {@code a..b}, end included. Pebble evaluates it through whatever function is named
 * {@code range}, which this extension makes Python's; this calls Pebble's own range directly.
 */
final class InclusiveRangeExpression extends BinaryExpression<Object> {

  private final RangeFunction pebbleRange = new RangeFunction();

  @Override
  public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
    ArgumentsNode arguments = new ArgumentsNode(List.of(
        new PositionalArgumentNode(getLeftExpression()),
        new PositionalArgumentNode(getRightExpression())), null, getLineNumber());
    return pebbleRange.execute(arguments.getArgumentMap(self, context, pebbleRange), self, context,
        getLineNumber());
  }
}
