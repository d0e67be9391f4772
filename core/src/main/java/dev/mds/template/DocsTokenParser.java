package dev.mds.template;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/** Parses dbt's {@code {% docs name %}...{% enddocs %}} blocks. */
final class DocsTokenParser implements TokenParser {

  private final DocsCollector collector;

  DocsTokenParser(DocsCollector collector) {
    this.collector = collector;
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    String name = stream.expect(Token.Type.NAME).getValue();
    stream.expect(Token.Type.EXECUTE_END);
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "enddocs"));
    MacroDefinitionParser.requireEnd(stream, "docs", line);
    stream.next();
    stream.expect(Token.Type.EXECUTE_END);
    return new DocsNode(line, name, body, collector);
  }

  @Override
  public String getTag() {
    return "docs";
  }
}
