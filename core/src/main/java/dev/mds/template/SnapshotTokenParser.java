package dev.mds.template;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * Parses dbt's {@code {% snapshot name %}...{% endsnapshot %}}: the block renders its body only
 * while the snapshot of that name is the node being rendered, so a file may hold several.
 */
final class SnapshotTokenParser implements TokenParser {

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    String name = stream.expect(Token.Type.NAME).getValue();
    stream.expect(Token.Type.EXECUTE_END);
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endsnapshot"));
    MacroDefinitionParser.requireEnd(stream, "snapshot", line);
    stream.next();
    stream.expect(Token.Type.EXECUTE_END);
    return new SnapshotBlockNode(line, name, body);
  }

  @Override
  public String getTag() {
    return "snapshot";
  }
}
