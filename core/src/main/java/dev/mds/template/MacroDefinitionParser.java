package dev.mds.template;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.List;

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

  /**
   * dbt's {@code {% materialization name, adapter='duckdb' %}...{% endmaterialization %}} (or
   * {@code default=true}): a macro named {@code materialization_<name>_<adapter>}, as dbt names it.
   */
  static MacroDefinitionParser materializations() {
    return new MacroDefinitionParser("materialization", "materialization_");
  }

  /** The macro name of a materialization for an adapter ({@code default} for any). */
  static String materializationMacroName(String name, String adapter) {
    return "materialization_" + name + "_" + adapter;
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
    if (tag.equals("materialization")) {
      name = name + "_" + materializationAdapter(stream);
    }
    ArgumentsNode args = tag.equals("materialization") ? new ArgumentsNode(List.of(), List.of(),
        firstLine) : parser.getExpressionParser().parseArguments(true);
    stream.expect(Token.Type.EXECUTE_END);
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "end" + tag));
    requireEnd(stream, tag, firstLine);
    int lastLine = stream.current().getLineNumber();
    stream.next();
    stream.expect(Token.Type.EXECUTE_END);
    return new RecordedMacroNode(namePrefix + name, args, body, firstLine, lastLine);
  }

  /**
   * Fails as the other block tags do when the file ends before the block's end tag: Pebble's
   * parser stops at the end of the file and reading on would fail inside it.
   */
  static void requireEnd(TokenStream stream, String tag, int line) {
    if (stream.current().test(Token.Type.EOF)) {
      throw new io.pebbletemplates.pebble.error.ParserException(null, "Missing {% end" + tag
          + " %} for the {% " + tag + " %} on line " + line, stream.current().getLineNumber(),
          stream.getFilename());
    }
  }

  /**
   * Reads the rest of a materialization's head, {@code , adapter='duckdb'} or
   * {@code , default=true}, and returns the adapter it is for ({@code default} for any).
   */
  private static String materializationAdapter(TokenStream stream) {
    String adapter = "default";
    while (stream.current().test(Token.Type.PUNCTUATION, ",")) {
      stream.next();
      String key = stream.expect(Token.Type.NAME).getValue();
      stream.expect(Token.Type.PUNCTUATION, "=");
      Token value = stream.current();
      stream.next();
      if (key.equals("adapter")) {
        adapter = value.getValue();
      }
    }
    return adapter;
  }

  @Override
  public String getTag() {
    return tag;
  }
}
