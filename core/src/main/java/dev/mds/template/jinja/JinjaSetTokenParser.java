package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterExpression;
import io.pebbletemplates.pebble.node.expression.RenderableNodeExpression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces Pebble's {@code set} tag: {@code {% set x = ... %}} (with an inline conditional),
 * {@code {% set ns.attr = ... %}} on a namespace, unpacking {@code {% set a, b = pair %}} (also
 * {@code = 1, 2}), and the block form {@code {% set x %}...{% endset %}}, optionally through filters
 * {@code {% set x | upper %}}.
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
    List<String> names = new ArrayList<>(List.of(name));
    if (stream.current().test(Token.Type.PUNCTUATION, ".")) {
      stream.next();
      attribute = stream.expect(Token.Type.NAME).getValue();
    } else {
      while (stream.current().test(Token.Type.PUNCTUATION, ",")) {
        stream.next();
        names.add(parser.getExpressionParser().parseNewVariableName());
      }
    }
    boolean single = attribute == null && names.size() == 1;
    if (single && (stream.current().test(Token.Type.EXECUTE_END)
        || stream.current().test(Token.Type.OPERATOR, "|"))) {
      return block(name, parser, line);
    }
    if (!stream.current().test(Token.Type.PUNCTUATION, "=")) {
      throw new ParserException(null, "Expected '=' in {% set " + String.join(", ", names)
          + " %}", stream.current().getLineNumber(), stream.getFilename());
    }
    stream.next();
    Expression<?> value = TagExpressions.parseWithConditional(parser);
    if (stream.current().test(Token.Type.PUNCTUATION, ",")) {
      // {% set a, b = 1, 2 %}: the values form a tuple.
      List<Expression<?>> values = new ArrayList<>(List.of(value));
      while (stream.current().test(Token.Type.PUNCTUATION, ",")) {
        stream.next();
        values.add(TagExpressions.parseWithConditional(parser));
      }
      value = new ArrayExpression(values, line);
    }
    TagExpressions.expectTagEnd(stream, "set");
    if (names.size() > 1) {
      return new UnpackingAssignNode(List.copyOf(names), value, line);
    }
    return new AssignNode(name, attribute, value, line);
  }

  /** {@code {% set x [| filter ...] %}body{% endset %}}. */
  private static RenderableNode block(String name, Parser parser, int line) {
    TokenStream stream = parser.getStream();
    List<Expression<?>> filters = new ArrayList<>();
    while (stream.current().test(Token.Type.OPERATOR, "|")) {
      stream.next();
      filters.add(parser.getExpressionParser().parseFilterInvocationExpression());
    }
    TagExpressions.expectTagEnd(stream, "set");
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endset"));
    TagExpressions.expectEndTag(stream, "endset", "set", line);
    if (filters.isEmpty()) {
      return new BlockSetNode(name, body, null, line);
    }
    // The filters apply to the rendered body, as Pebble's {% filter %} tag applies them.
    Expression<?> value = new RenderableNodeExpression(body, line);
    for (Expression<?> filter : filters) {
      FilterExpression applied = new FilterExpression();
      applied.setLeft(value);
      applied.setRight(filter);
      applied.setLineNumber(line);
      value = applied;
    }
    return new BlockSetNode(name, body, value, line);
  }
}
