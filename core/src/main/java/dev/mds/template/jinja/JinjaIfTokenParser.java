package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.parser.StoppingCondition;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.ArrayList;
import java.util.List;

/** Replaces Pebble's {@code if} tag to add Jinja's {@code elif} (keeping {@code elseif}) and truthiness. */
final class JinjaIfTokenParser implements TokenParser {

  private static final StoppingCondition BRANCH_END =
      token -> token.test(Token.Type.NAME, "elif", "elseif", "else", "endif");

  @Override
  public String getTag() {
    return "if";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    List<JinjaIfNode.Branch> branches = new ArrayList<>();
    branches.add(parseBranch(parser, "if"));
    BodyNode otherwise = null;
    while (true) {
      Token keyword = stream.current();
      if (keyword.test(Token.Type.NAME, "elif", "elseif")) {
        stream.next();
        branches.add(parseBranch(parser, keyword.getValue()));
      } else if (keyword.test(Token.Type.NAME, "else")) {
        stream.next();
        TagExpressions.expectTagEnd(stream, "else");
        otherwise = parser.subparse(t -> t.test(Token.Type.NAME, "endif"));
      } else if (keyword.test(Token.Type.NAME, "endif")) {
        stream.next();
        TagExpressions.expectTagEnd(stream, "endif");
        return new JinjaIfNode(branches, otherwise, line);
      } else {
        throw new ParserException(null, "Missing {% endif %} for the {% if %} on line " + line,
            keyword.getLineNumber(), stream.getFilename());
      }
    }
  }

  private static JinjaIfNode.Branch parseBranch(Parser parser, String tag) {
    Expression<?> condition = UndefinedAsFalse.condition(
        TagExpressions.parseWithConditional(parser));
    TagExpressions.expectTagEnd(parser.getStream(), tag);
    return new JinjaIfNode.Branch(condition, parser.subparse(BRANCH_END));
  }
}
