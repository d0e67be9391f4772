package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.lexer.TokenStream;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.List;

/** Jinja's {@code {% call [(params)] macro(args) %}body{% endcall %}}. */
final class CallTokenParser implements TokenParser {

  @Override
  public String getTag() {
    return "call";
  }

  @Override
  public RenderableNode parse(Token token, Parser parser) {
    TokenStream stream = parser.getStream();
    int line = token.getLineNumber();
    stream.next();
    List<String> parameters = List.of();
    if (stream.current().test(Token.Type.PUNCTUATION, "(")) {
      ArgumentsNode declared = parser.getExpressionParser().parseArguments(true);
      parameters = declared.getNamedArgs().stream().map(NamedArgumentNode::getName).toList();
    }
    Expression<?> call = parser.getExpressionParser().parseExpression();
    if (!(call instanceof FunctionOrMacroInvocationExpression invocation)) {
      throw new ParserException(null, "{% call %} needs a macro call, such as"
          + " {% call my_macro(arg) %}", line, stream.getFilename());
    }
    TagExpressions.expectTagEnd(stream, "call");
    BodyNode body = parser.subparse(t -> t.test(Token.Type.NAME, "endcall"));
    TagExpressions.expectEndTag(stream, "endcall", "call", line);
    return new CallNode(invocation.getFunctionName(), invocation.getArguments(), parameters, body,
        line);
  }
}
