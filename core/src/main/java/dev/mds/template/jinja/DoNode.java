package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.Writer;

/** Evaluates an expression and discards its value. */
record DoNode(Expression<?> expression, int lineNumber) implements RenderableNode {

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
    expression.evaluate(self, context);
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    expression.accept(visitor);
  }
}
