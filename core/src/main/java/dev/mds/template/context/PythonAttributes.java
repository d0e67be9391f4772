package dev.mds.template.context;

import dev.mds.MdsException;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads attributes of and calls methods on {@link PyObject}s: {@code modules.re.match(p, s)},
 * {@code run_started_at.strftime('%Y')}, {@code exceptions.raise_compiler_error(msg)}.
 */
final class PythonAttributes implements AttributeResolver {

  /**
   * The compiled template of a name: keyword arguments ({@code timedelta(days=n)}) are expressions
   * Pebble leaves to the resolver, and evaluating one needs the template it is written in.
   */
  private final Function<String, PebbleTemplateImpl> templates;

  PythonAttributes(Function<String, PebbleTemplateImpl> templates) {
    this.templates = templates;
  }

  @Override
  public ResolvedAttribute resolve(Object instance, Object attributeName, Object[] arguments,
      ArgumentsNode args, EvaluationContextImpl context, String filename, int lineNumber) {
    if (!(instance instanceof PyObject object)) {
      return null;
    }
    String name = String.valueOf(attributeName);
    Object value = object.attribute(name);
    if (value == PyObject.MISSING) {
      throw new PebbleException(null, "'" + object.typeName() + "' object has no attribute '"
          + name + "'", lineNumber, filename);
    }
    if (arguments == null) {
      return new ResolvedAttribute(value);
    }
    if (!(value instanceof PyCallable callable)) {
      throw new PebbleException(null, "'" + object.typeName() + "." + name
          + "' is not callable", lineNumber, filename);
    }
    PyArgs call = new PyArgs(Arrays.asList(arguments), keywords(args, context, filename),
        location(filename, lineNumber));
    try {
      return new ResolvedAttribute(callable.call(call));
    } catch (MdsException e) {
      throw e;
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException
        | IndexOutOfBoundsException | ClassCastException e) {
      throw new PebbleException(e, object.typeName() + "." + name + "(): " + e.getMessage(),
          lineNumber, filename);
    }
  }

  private Map<String, Object> keywords(ArgumentsNode args, EvaluationContextImpl context,
      String filename) {
    List<NamedArgumentNode> named = args == null ? null : args.getNamedArgs();
    if (named == null || named.isEmpty()) {
      return Map.of();
    }
    PebbleTemplateImpl self = templates.apply(filename);
    Map<String, Object> values = new LinkedHashMap<>();
    for (NamedArgumentNode argument : named) {
      values.put(argument.getName(), argument.getValueExpression().evaluate(self, context));
    }
    return values;
  }

  /** A template's {@code file:line}; literal templates (hooks, descriptions) are named by caller. */
  static String location(String filename, int line) {
    return filename + ":" + line;
  }
}
