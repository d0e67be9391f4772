package dev.mds.template.jinja;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.BodyNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.template.ScopeChain;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A call block's body bound to a snapshot of the variables where {@code {% call %}} stands: the
 * macro runs in its own scope, yet {@code caller()} must see the call site's variables, as in Jinja.
 */
record BodyCaller(PebbleTemplateImpl template, BodyNode body, List<String> parameters,
    EvaluationContextImpl callSite, int lineNumber) implements Caller {

  @Override
  public String render(List<Object> arguments) {
    if (arguments.size() > parameters.size()) {
      throw new PebbleException(null, "caller() got " + arguments.size() + " argument(s) but the"
          + " {% call %} block declares " + parameters, lineNumber, template.getName());
    }
    ScopeChain scopes = callSite.getScopeChain();
    scopes.pushScope();
    try {
      for (int i = 0; i < parameters.size(); i++) {
        scopes.put(parameters.get(i), i < arguments.size() ? arguments.get(i) : null);
      }
      StringWriter writer = new StringWriter();
      body.render(template, writer, callSite);
      return writer.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      scopes.popScope();
    }
  }
}
