package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** An {@code if}/{@code elif}/{@code else} chain whose conditions use Jinja's truthiness. */
record JinjaIfNode(List<Branch> branches, BodyNode otherwise, int lineNumber)
    implements RenderableNode {

  /** One condition and the body it guards. */
  record Branch(Expression<?> condition, BodyNode body) {
  }

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context)
      throws IOException {
    for (Branch branch : branches) {
      if (Truthiness.of(branch.condition().evaluate(self, context))) {
        branch.body().render(self, writer, context);
        return;
      }
    }
    if (otherwise != null) {
      otherwise.render(self, writer, context);
    }
  }

  @Override
  public void accept(NodeVisitor visitor) {
    // Descend like Pebble's own IfNode so macro and block registration sees nested definitions.
    visitor.visit(this);
    for (Branch branch : branches) {
      branch.condition().accept(visitor);
      branch.body().accept(visitor);
    }
    if (otherwise != null) {
      otherwise.accept(visitor);
    }
  }
}
