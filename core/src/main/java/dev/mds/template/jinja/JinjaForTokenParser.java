package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces Pebble's {@code for} tag: {@code for a, b in pairs}, a trailing {@code if} filter,
 * {@code else} for an empty loop, and Jinja's {@code loop} variable.
 */
final class JinjaForTokenParser implements TokenParser {

  @Override
  public String getTag() {
    return "for";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    List<String> names = new ArrayList<>();
    names.add(parser.getExpressionParser().parseNewVariableName());
    while (stream.current().test(Token.Type.PUNCTUATION, ",")) {
      stream.next();
      names.add(parser.getExpressionParser().parseNewVariableName());
    }
    // 'in' is an operator of this extension, so the lexer hands it over as one.
    Token in = stream.current();
    if (!in.test(Token.Type.OPERATOR, "in") && !in.test(Token.Type.NAME, "in")) {
      throw new ParserException(null, "Expected 'in' after the loop variable(s) of {% for %}",
          in.getLineNumber(), stream.getFilename());
    }
    stream.next();
    Expression<?> iterable = TagExpressions.parse(parser);
    Expression<?> filter = null;
    if (stream.current().test(Token.Type.NAME, "if")) {
      stream.next();
      filter = TagExpressions.parse(parser);
    }
    if (stream.current().test(Token.Type.NAME, "recursive")) {
      throw new ParserException(null, "Recursive loops ({% for ... recursive %}) are not supported",
          stream.current().getLineNumber(), stream.getFilename());
    }
    TagExpressions.expectTagEnd(stream, "for");
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "else", "endfor"));
    BodyNode otherwise = null;
    if (stream.current().test(Token.Type.NAME, "else")) {
      stream.next();
      TagExpressions.expectTagEnd(stream, "else");
      otherwise = parser.subparse(t -> t.test(Token.Type.NAME, "endfor"));
    }
    TagExpressions.expectEndTag(stream, "endfor", "for", line);
    return new JinjaForNode(List.copyOf(names), iterable, filter, body, otherwise, line);
  }
}
