package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.utils.StringUtils;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Calls a macro (or function) with the block's body as {@code caller} and prints the result. */
record CallNode(String macro, ArgumentsNode arguments, List<String> parameters, BodyNode body,
    int lineNumber) implements RenderableNode {

  @Override
  public void render(PebbleTemplateImpl self, Writer writer, EvaluationContextImpl context)
      throws IOException {
    Caller caller = new BodyCaller(self, body, parameters, context.threadSafeCopy(self), lineNumber);
    ArgumentsNode withCaller = new CallerArguments(arguments, caller, lineNumber);
    Object result =
        new FunctionOrMacroInvocationExpression(macro, withCaller, lineNumber).evaluate(self, context);
    if (result != null) {
      writer.write(StringUtils.toString(result));
    }
  }

  @Override
  public void accept(NodeVisitor visitor) {
    visitor.visit(this);
    arguments.accept(visitor);
    body.accept(visitor);
  }
}
