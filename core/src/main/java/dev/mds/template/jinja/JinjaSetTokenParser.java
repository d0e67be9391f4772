package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * Replaces Pebble's {@code set} tag: {@code {% set x = ... %}} (with an inline conditional),
 * {@code {% set ns.attr = ... %}} on a namespace, and the block form {@code {% set x %}...{% endset %}}.
 */
final class JinjaSetTokenParser implements TokenParser {

  @Override
  public String getTag() {
    return "set";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    String name = parser.getExpressionParser().parseNewVariableName();
    String attribute = null;
    if (stream.current().test(Token.Type.PUNCTUATION, ".")) {
      stream.next();
      attribute = stream.expect(Token.Type.NAME).getValue();
    }
    if (stream.current().test(Token.Type.EXECUTE_END) && attribute == null) {
      stream.next();
      BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endset"));
      TagExpressions.expectEndTag(stream, "endset", "set", line);
      return new BlockSetNode(name, body, line);
    }
    if (!stream.current().test(Token.Type.PUNCTUATION, "=")) {
      throw new ParserException(null, "Expected '=' in {% set " + name + " %} (assigning several"
          + " names at once is not supported)", stream.current().getLineNumber(),
          stream.getFilename());
    }
    stream.next();
    Expression<?> value = TagExpressions.parseWithConditional(parser);
    TagExpressions.expectTagEnd(stream, "set");
    return new AssignNode(name, attribute, value, line);
  }
}
