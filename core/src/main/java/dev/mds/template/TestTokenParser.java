package dev.mds.template;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.MacroNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * dbt's generic test definition, {@code {% test name(model, column_name) %}...{% endtest %}}: a
 * macro named {@code test_<name>} whose output selects the failing rows.
 */
final class TestTokenParser implements TokenParser {

  /** The macro name a generic test is defined under. */
  static String macroName(String testName) {
    return "test_" + testName;
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    stream.next();
    String name = stream.expect(Token.Type.NAME).getValue();
    ArgumentsNode args = parser.getExpressionParser().parseArguments(true);
    stream.expect(Token.Type.EXECUTE_END);
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endtest"));
    stream.next();
    stream.expect(Token.Type.EXECUTE_END);
    return new MacroNode(macroName(name), args, body);
  }

  @Override
  public String getTag() {
    return "test";
  }
}
