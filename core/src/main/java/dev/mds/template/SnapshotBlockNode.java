package dev.mds.template;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.IOException;
import java.io.Writer;

/**
 * A {@code {% snapshot %}} block: its body is the snapshot's SELECT when the node being rendered
 * has the block's name (or when no node is, as when a file is rendered on its own).
 */
final class SnapshotBlockNode extends AbstractRenderableNode {

  private final String name;
  private final BodyNode body;

  SnapshotBlockNode(int line, String name, BodyNode body) {
    super(line);
    this.name = name;
    this.body = body;
  }

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context)
      throws IOException {
    Object active = ActiveNode.get().model().get("name");
    if (active == null || name.equals(active)) {
      body.render(self, writer, context);
    }
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
  }
}
