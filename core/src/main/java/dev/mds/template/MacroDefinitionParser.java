package dev.mds.template;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * Parses {@code {% macro name(args) %}...{% endmacro %}} and dbt's generic test definition
 * {@code {% test name(model, column_name) %}...{% endtest %}} (a macro named {@code test_<name>})
 * into macros that report each call, so a node knows which macros it used.
 */
final class MacroDefinitionParser implements TokenParser {

  private final String tag;
  private final String namePrefix;

  private MacroDefinitionParser(String tag, String namePrefix) {
    this.tag = tag;
    this.namePrefix = namePrefix;
  }

  static MacroDefinitionParser macros() {
    return new MacroDefinitionParser("macro", "");
  }

  static MacroDefinitionParser tests() {
    return new MacroDefinitionParser("test", "test_");
  }

  /** The macro name a generic test is defined under. */
  static String testMacroName(String testName) {
    return "test_" + testName;
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int firstLine = token.getLineNumber();
    stream.next();
    String name = stream.expect(Token.Type.NAME).getValue();
    ArgumentsNode args = parser.getExpressionParser().parseArguments(true);
    stream.expect(Token.Type.EXECUTE_END);
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "end" + tag));
    int lastLine = stream.current().getLineNumber();
    stream.next();
    stream.expect(Token.Type.EXECUTE_END);
    return new RecordedMacroNode(namePrefix + name, args, body, firstLine, lastLine);
  }

  @Override
  public String getTag() {
    return tag;
  }
}
