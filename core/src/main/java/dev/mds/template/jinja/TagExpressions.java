package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.expression.AndExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.OrExpression;
import io.pebbletemplates.pebble.node.expression.UnaryNotExpression;
import io.pebbletemplates.pebble.parser.Parser;

/**
 * Parses the expression inside one of our tags. At a tag's top level TokenRetyping leaves
 * {@code if}/{@code else} as names (there they may be the for-loop filter), and Pebble's expression
 * parser stops at them, so the tag finishes Jinja's inline conditional itself.
 */
final class TagExpressions {

  private TagExpressions() {
  }

  /** An expression, optionally followed by Jinja's {@code if condition [else other]}. */
  static Expression<?> parseWithConditional(Parser parser) {
    Expression<?> value = parse(parser);
    TokenStream stream = parser.getStream();
    Token keyword = stream.current();
    if (!keyword.test(Token.Type.NAME, "if")) {
      return value;
    }
    stream.next();
    Expression<?> condition = parse(parser);
    Expression<?> otherwise = null;
    if (stream.current().test(Token.Type.NAME, "else")) {
      stream.next();
      otherwise = parseWithConditional(parser);
    }
    return new ConditionalExpression(value, condition, otherwise, keyword.getLineNumber());
  }

  /** An expression as Pebble parses it, refusing Pebble's boolean-only and/or/not. */
  static Expression<?> parse(Parser parser) {
    int line = parser.getStream().current().getLineNumber();
    Expression<?> expression = parser.getExpressionParser().parseExpression();
    // Pebble keeps its own and/or/not unless the builder allows overriding core operators; they
    // reject lists and none under strict variables, so fail loudly instead of half-working.
    if (expression instanceof AndExpression || expression instanceof OrExpression
        || expression instanceof UnaryNotExpression) {
      throw new ParserException(null, "Jinja's and/or/not are not active: build the PebbleEngine"
          + " with allowOverrideCoreOperators(true) when adding JinjaCompatExtension", line,
          parser.getStream().getFilename());
    }
    return expression;
  }

  /**
   * Consumes the closing {@code %}} of a tag, naming the tag if something else is there. A colon
   * before it is skipped, as Jinja does for block tags: {@code {% if temporary: %}}.
   */
  static void expectTagEnd(TokenStream stream, String tag) {
    if (stream.current().test(Token.Type.PUNCTUATION, ":")
        && stream.peek().test(Token.Type.EXECUTE_END)) {
      stream.next();
    }
    Token token = stream.current();
    if (!token.test(Token.Type.EXECUTE_END)) {
      throw new ParserException(null, "Unexpected \"" + token.getValue() + "\" in {% " + tag
          + " %}", token.getLineNumber(), stream.getFilename());
    }
    stream.next();
  }

  /** Consumes {@code {% end... %}} after a body, or explains which tag was left open. */
  static void expectEndTag(TokenStream stream, String endTag, String openTag, int openLine) {
    if (!stream.current().test(Token.Type.NAME, endTag)) {
      throw new ParserException(null, "Missing {% " + endTag + " %} for the {% " + openTag
          + " %} on line " + openLine, stream.current().getLineNumber(), stream.getFilename());
    }
    stream.next();
    expectTagEnd(stream, endTag);
  }
}
