package dev.mds.template.jinja;

import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;

/**
 * A tag parser that first retypes Jinja syntax ahead (see {@link TokenRetyping}, then
 * {@link SliceRetyping} for Python slices). Every tag
 * of this extension and Pebble's own tags are wrapped, so that any tag enables it for
 * the rest of the template.
 */
record RetypingTokenParser(TokenParser delegate, TokenRetyping retyping) implements TokenParser {

  @Override
  public String getTag() {
    return delegate.getTag();
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    retyping.retypeAhead(parser.getStream());
    SliceRetyping.retypeAhead(parser.getStream());
    return delegate.parse(token, parser);
  }
}
