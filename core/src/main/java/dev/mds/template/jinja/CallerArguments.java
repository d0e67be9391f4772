package dev.mds.template.jinja;

import io.pebbletemplates.pebble.extension.NamedArguments;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.Map;

/**
 * The arguments of the macro call in {@code {% call %}}, plus {@code caller}. Pebble rejects named
 * arguments a macro does not declare, so {@code caller} is added after Pebble has checked the rest.
 */
final class CallerArguments extends ArgumentsNode {

  private final Caller caller;

  CallerArguments(ArgumentsNode arguments, Caller caller, int lineNumber) {
    super(arguments.getPositionalArgs(), arguments.getNamedArgs(), lineNumber);
    this.caller = caller;
  }

  @Override
  public Map<String, Object> getArgumentMap(PebbleTemplateImpl self, EvaluationContextImpl context,
      NamedArguments invocable) {
    Map<String, Object> arguments = super.getArgumentMap(self, context, invocable);
    arguments.put("caller", caller);
    return arguments;
  }
}
