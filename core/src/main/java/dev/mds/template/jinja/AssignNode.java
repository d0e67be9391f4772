package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.Writer;
import java.util.Map;

/**
 * {@code {% set name = value %}} or {@code {% set ns.attribute = value %}}. The variable goes into
 * the innermost scope, as in Jinja: a set inside a loop does not change a variable outside it (use
 * a {@code namespace()} for that), unlike Pebble's set, which updates the outer variable.
 */
record AssignNode(String name, String attribute, Expression<?> value, int lineNumber)
    implements RenderableNode {

  @Override
  @SuppressWarnings("unchecked")
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
    Object result = value.evaluate(self, context);
    if (attribute == null) {
      context.getScopeChain().put(name, result);
      return;
    }
    Object target = context.getScopeChain().get(name);
    if (!(target instanceof Map<?, ?> namespace)) {
      throw new PebbleException(null, "Cannot set attribute '" + attribute + "' on '" + name
          + "': only a namespace() takes attribute assignments", lineNumber, self.getName());
    }
    ((Map<String, Object>) namespace).put(attribute, result);
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    value.accept(visitor);
  }
}
