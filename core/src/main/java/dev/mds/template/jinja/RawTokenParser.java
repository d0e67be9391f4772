package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.TextNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * Jinja's {@code {% raw %}...{% endraw %}}. Only Pebble's lexer can keep text verbatim (its
 * {@code verbatim} tag is built into the lexer), so by the time this parser runs the block has
 * been split into tokens. It writes them back out: text is exact, while tags and prints come back
 * in a normalised spelling ({@code {{ ref('x') }}}), comments are gone and {@code -} trim markers
 * have already trimmed. Use {@code {% verbatim %}} for byte-exact text.
 */
final class RawTokenParser implements TokenParser {

  @Override
  public String getTag() {
    return "raw";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    TagExpressions.expectTagEnd(stream, "raw");
    StringBuilder text = new StringBuilder();
    Token previous = null;
    int depth = 0;
    while (!(stream.current().test(Token.Type.EXECUTE_START)
        && stream.peek().test(Token.Type.NAME, "endraw"))) {
      Token current = stream.current();
      if (current.test(Token.Type.EOF)) {
        throw new ParserException(null, "Missing {% endraw %} for the {% raw %} on line " + line,
            current.getLineNumber(), stream.getFilename());
      }
      if (previous != null && needsSpace(previous, current, depth)) {
        text.append(' ');
      }
      depth += depthChange(current);
      text.append(spelling(current));
      previous = current;
      stream.next();
    }
    stream.next();
    stream.next();
    TagExpressions.expectTagEnd(stream, "endraw");
    return new TextNode(text.toString(), line);
  }

  private static String spelling(Token token) {
    return switch (token.getType()) {
      case PRINT_START -> "{{";
      case PRINT_END -> "}}";
      case EXECUTE_START -> "{%";
      case EXECUTE_END -> "%}";
      case STRING -> quote(token.getValue());
      case STRING_INTERPOLATION_START -> "#{";
      case STRING_INTERPOLATION_END -> "}";
      default -> TokenRetyping.spelling(token.getValue());
    };
  }

  private static String quote(String value) {
    if (value.contains("'") && !value.contains("\"")) {
      return '"' + value + '"';
    }
    return "'" + value.replace("'", "\\'") + "'";
  }

  private static int depthChange(Token token) {
    if (token.test(Token.Type.PUNCTUATION, "(", "[", "{")) {
      return 1;
    }
    return token.test(Token.Type.PUNCTUATION, ")", "]", "}") ? -1 : 0;
  }

  /**
   * The usual Jinja spelling: spaces between words, none inside brackets or around a call's '='.
   * {@code depth} counts the brackets open before {@code current}.
   */
  private static boolean needsSpace(Token previous, Token current, int depth) {
    if (previous.test(Token.Type.TEXT) || current.test(Token.Type.TEXT)) {
      return false;
    }
    if (previous.test(Token.Type.PRINT_START) || previous.test(Token.Type.EXECUTE_START)
        || current.test(Token.Type.PRINT_END) || current.test(Token.Type.EXECUTE_END)) {
      return true;
    }
    if (previous.test(Token.Type.PUNCTUATION, "(", "[", "{", ".")
        || current.test(Token.Type.PUNCTUATION, ")", "]", "}", ",", ".", ":")) {
      return false;
    }
    boolean equalsSign = previous.test(Token.Type.PUNCTUATION, "=")
        || current.test(Token.Type.PUNCTUATION, "=");
    if (equalsSign) {
      return depth == 0;
    }
    if (current.test(Token.Type.PUNCTUATION, "(", "[")) {
      return !(previous.test(Token.Type.NAME) || previous.test(Token.Type.STRING)
          || previous.test(Token.Type.PUNCTUATION, ")", "]"));
    }
    return true;
  }
}
