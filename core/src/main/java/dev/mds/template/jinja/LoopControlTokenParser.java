package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.io.Writer;

/** {@code {% break %}} or {@code {% continue %}} inside a for loop. */
record LoopControlTokenParser(boolean breaks) implements TokenParser {

  @Override
  public String getTag() {
    return breaks ? "break" : "continue";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    stream.next();
    TagExpressions.expectTagEnd(stream, getTag());
    return new Node(new LoopControl(breaks, token.getLineNumber(), stream.getFilename()));
  }

  /** Renders by leaving the iteration (continue) or the loop (break). */
  record Node(LoopControl signal) implements RenderableNode {

    @Override
    public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context) {
      throw signal;
    }

    @Override
    public void accept(NodeVisitor visitor) {
      visitor.visit(this);
    }
  }
}
