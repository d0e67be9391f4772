package dev.mds.template;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.AbstractRenderableNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/** A docs block: rendering it hands its text to the collector and prints nothing. */
final class DocsNode extends AbstractRenderableNode {

  private final String name;
  private final BodyNode body;
  private final DocsCollector collector;

  DocsNode(int line, String name, BodyNode body, DocsCollector collector) {
    super(line);
    this.name = name;
    this.body = body;
    this.collector = collector;
  }

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context)
      throws IOException {
    StringWriter content = new StringWriter();
    body.render(self, content, context);
    collector.add(new DocsBlock(name, content.toString().strip(), self.getName()),
        getLineNumber());
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
  }
}
