package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * {@code {% set name %}body{% endset %}}: the rendered body becomes the variable's text. With
 * {@code {% set name | filter %}}, {@code filtered} renders the body and applies the filters.
 */
record BlockSetNode(String name, BodyNode body, Expression<?> filtered, int lineNumber)
    implements RenderableNode {

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context)
      throws IOException {
    if (filtered != null) {
      context.getScopeChain().put(name, filtered.evaluate(self, context));
      return;
    }
    StringWriter captured = new StringWriter();
    body.render(self, captured, context);
    context.getScopeChain().put(name, captured.toString());
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    body.accept(visitor);
  }
}
