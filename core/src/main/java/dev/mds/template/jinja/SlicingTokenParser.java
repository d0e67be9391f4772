package dev.mds.template.jinja;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/** A tag parser that first retypes the Python slices ahead (see {@link SliceRetyping}). */
record SlicingTokenParser(TokenParser delegate) implements TokenParser {

  @Override
  public String getTag() {
    return delegate.getTag();
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    SliceRetyping.retypeAhead(parser.getStream());
    return delegate.parse(token, parser);
  }
}
