package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.Writer;
import java.util.List;

/** {@code {% set a, b = pair %}}: each name takes one item, into the innermost scope. */
record UnpackingAssignNode(List<String> names, Expression<?> value, int lineNumber)
    implements RenderableNode {

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
    Object result = value.evaluate(self, context);
    List<Object> items;
    try {
      items = Sequence.of(result);
    } catch (IllegalArgumentException e) {
      throw new PebbleException(e, "Cannot unpack " + Sequence.describe(result) + " into "
          + names, lineNumber, self.getName());
    }
    if (items.size() != names.size()) {
      throw new PebbleException(null, "Cannot unpack " + items.size() + " values into "
          + names.size() + " names " + names, lineNumber, self.getName());
    }
    for (int i = 0; i < names.size(); i++) {
      context.getScopeChain().put(names.get(i), items.get(i));
    }
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    value.accept(visitor);
  }
}
