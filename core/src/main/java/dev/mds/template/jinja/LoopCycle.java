package dev.mds.template.jinja;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;

/**
 * Jinja's {@code loop.cycle('odd', 'even')}: the argument at the iteration's position, round and
 * round. Pebble calls Java methods by their exact parameter count, so a varargs method on
 * LoopState could not take any number of values; this resolver does.
 */
final class LoopCycle implements AttributeResolver {

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (arguments == null || !(instance instanceof LoopState loop)
        || !"cycle".equals(attributeName)) {
      return null;
    }
    if (arguments.length == 0) {
      throw new PebbleException(null, "loop.cycle() needs at least one value", lineNumber,
          filename);
    }
    return new ResolvedAttribute(arguments[loop.index0() % arguments.length]);
  }
}
