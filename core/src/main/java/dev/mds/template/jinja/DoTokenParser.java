package dev.mds.template.jinja;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/** Jinja's {@code {% do expression %}}: evaluates for its side effect and prints nothing. */
final class DoTokenParser implements TokenParser {

  @Override
  public String getTag() {
    return "do";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    parser.getStream().next();
    Expression<?> expression = TagExpressions.parseWithConditional(parser);
    TagExpressions.expectTagEnd(parser.getStream(), "do");
    return new DoNode(expression, token.getLineNumber());
  }
}
